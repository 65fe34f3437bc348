import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenarioFile } from '../../src/cli/scenarios/scenario-file';
import { runScenarioFile } from '../../src/cli/scenarios/scenario-runner';

const BIN = join(__dirname, '../../bin/casetrail.js');
const SCENARIOS = join(__dirname, '../../docs/scenarios');
const shipped = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe("the clock scenarios shipped in docs/scenarios (auditors' format)", () => {
  it.each(shipped)('%s passes', async (file) => {
    const result = await runScenarioFile(parseScenarioFile(readFileSync(join(SCENARIOS, file), 'utf8'), file));
    const failures = result.results.flatMap((r) => r.failures.map((f) => `${r.name}: ${f.where}: ${f.message}`));
    expect(failures).toEqual([]);
    expect(result.results.length).toBeGreaterThan(0);
  });

  it('cover every rule of SPEC §5, a year boundary and a Spring Festival in a year without a schedule', () => {
    const rules = new Set(shipped.flatMap((f) => /^rule-([\d-]+?)-[a-z]/.exec(f)?.[1].split('-').map(Number) ?? []));
    expect([...rules].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const uncovered = readFileSync(join(SCENARIOS, 'uncovered-years.yaml'), 'utf8');
    expect(uncovered).toMatch(/at: "2030-12-30 [\d:]+", do: accept, expect: \{ dueDate: 2031-01-07, provisional: true \}/);
    expect(uncovered).toMatch(/除夕/);
  });
});

describe('casetrail scenarios run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-scenarios-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'scenarios', 'run', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });

  const wrong = file(
    'wrong.yaml',
    `given:
  items:
    - { code: P5, kind: promised, promisedLimit: 5 }
scenarios:
  - name: right
    when:
      - { at: "2026-06-01 09:00", do: submit }
      - { at: "2026-06-01 10:00", do: accept, expect: { dueDate: 2026-06-08 } }
  - name: wrong due date, unexpected refusal, expected refusal that did not come
    when:
      - { at: "2026-06-01 09:00", do: submit }
      - { at: "2026-06-01 10:00", do: accept, expect: { dueDate: 2026-06-09, provisional: false } }
      - { at: "2026-06-09 09:00", do: suspend, reason: APPLICANT_REQUEST }
      - { at: "2026-06-09 10:00", do: complete, expect: { refused: CASE.NOT_ACCEPTED } }
    then: { status: ACCEPTED }
`,
  );

  it('prints a readable report and exits with 1 when a scenario fails', () => {
    const out = run(wrong);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('  PASS  right');
    expect(out.stdout).toContain('  FAIL  wrong due date');
    expect(out.stdout).toContain('step 2 (2026-06-01 10:00 accept): dueDate: expected "2026-06-09", got "2026-06-08"');
    expect(out.stdout).toContain('step 3 (2026-06-09 09:00 suspend): was refused with CASE.PAST_DUE_DATE');
    expect(out.stdout).toContain(
      'step 4 (2026-06-09 10:00 complete): refused: expected "CASE.NOT_ACCEPTED", got "accepted, recording CaseCompleted"',
    );
    expect(out.stdout).toContain('then: status: expected "ACCEPTED", got "COMPLETED"');
    expect(out.stdout).toContain('2 scenarios, 1 passed, 1 failed');
  });

  it('writes JUnit XML for CI', () => {
    const junit = join(dir, 'report.xml');
    run(wrong, '--junit', junit);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="[^"]*wrong.yaml" tests="2" failures="1"/);
    expect(xml).toContain('<testcase classname');
    expect(xml).toMatch(/<failure message="dueDate: expected &quot;2026-06-09&quot;, got &quot;2026-06-08&quot;">/);
  });

  it('exits with 0 when every scenario passes', () => {
    const out = execFileSync(process.execPath, [BIN, 'scenarios', 'run', join(SCENARIOS, 'rule-15-urging.yaml')], { encoding: 'utf8' });
    expect(out).toContain('2 scenarios, 2 passed, 0 failed');
  });

  it('refuses a malformed file with every problem and where it is, and runs nothing (exit code 2)', () => {
    const bad = file(
      'bad.yaml',
      `scenarios:
  - name: x
    given: { items: [{ code: P, kind: sometimes }] }
    when:
      - { at: "2026-02-30 09:00", do: submit }
      - { at: "2026-06-01 25:00", do: teleport }
      - { at: "2026-06-01 09:00", do: accept, expect: { dueDat: 2026-06-08 } }
`,
    );
    const out = run(bad, wrong);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('scenarios[0].given.items[0] (P).kind: must be one of immediate, promised, joint, escalated');
    expect(out.stderr).toContain('scenarios[0].when[0].at: must be a China-time "YYYY-MM-DD HH:mm"');
    expect(out.stderr).toContain('scenarios[0].when[1].at: must be a China-time');
    expect(out.stderr).toContain('scenarios[0].when[1].do: must be one of submit,');
    expect(out.stderr).toContain('scenarios[0].when[2].expect.dueDat: is not something to check');
    expect(run(file('notyaml.yaml', 'scenarios: [\n')).stderr).toContain('is not valid YAML');
    expect(run(join(dir, 'missing.yaml')).status).toBe(2);
  });
});
