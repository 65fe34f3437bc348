import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('GraphQL contract', () => {
  it('the committed TypeScript types match the SDL in schema/', () => {
    expect(() =>
      execFileSync(process.execPath, [join(__dirname, '../../scripts/generate-schema-types.js'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  }, 30_000);
});
