import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The repository stands alone: what the code and the docs cite is in it. */
describe('the repository stands alone', () => {
  const sources = [join(ROOT, 'README.md'), ...files(join(ROOT, 'docs')), ...files(join(ROOT, 'src')), ...files(join(ROOT, 'test'))].filter(
    (f) => /\.(md|ts|ya?ml)$/.test(f),
  );

  it('cites no document outside it', () => {
    const outside = sources.filter((f) => !f.endsWith('docs-stand-alone.test.ts') && /\.\.\/shared\//.test(readFileSync(f, 'utf8')));
    expect(outside.map((f) => f.slice(ROOT.length + 1))).toEqual([]);
  });

  it('holds the SPEC every "SPEC §n" refers to, with each section cited', () => {
    const spec = readFileSync(join(ROOT, 'docs/SPEC.md'), 'utf8');
    const sections = new Set([...spec.matchAll(/^## (\d+)\./gm)].map((m) => Number(m[1])));
    const cited = new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/SPEC §(\d+)/g)].map((m) => Number(m[1]))));
    expect([...cited].filter((n) => !sections.has(n))).toEqual([]);
    expect(cited.size).toBeGreaterThan(3);
  });

  it('documents every error code the service gives (docs/api.md, or the page of its subject)', () => {
    const code = /'([A-Z][A-Z_]*\.[A-Z][A-Z_]*)'/g;
    const given = new Set(
      files(join(ROOT, 'src'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
        .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(code)].map((m) => m[1])),
    );
    const docs = files(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect([...given].filter((c) => !docs.includes(c)).sort()).toEqual([]);
    expect(given.size).toBeGreaterThan(50);
  });
});
