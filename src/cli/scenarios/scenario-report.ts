import { FileResult } from './scenario-runner';

/** The report an auditor reads: one line per scenario, and under a failure what differed, step by step. */
export function textReport(files: FileResult[]): string {
  const lines: string[] = [];
  for (const file of files) {
    lines.push(file.source);
    for (const r of file.results) {
      lines.push(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.name}`);
      for (const f of r.failures) lines.push(`        ${f.where}: ${f.message}`);
    }
  }
  const all = files.flatMap((f) => f.results);
  const failed = all.filter((r) => !r.passed).length;
  lines.push('', `${all.length} scenarios, ${all.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML, for CI: one test suite per file, one test case per scenario. */
export function junitReport(files: FileResult[]): string {
  const suites = files.map((file) => {
    const failed = file.results.filter((r) => !r.passed).length;
    const seconds = file.results.reduce((sum, r) => sum + r.seconds, 0);
    const cases = file.results.map((r) => {
      const body = r.passed
        ? ''
        : `\n      <failure message="${xml(r.failures[0].message)}">${xml(r.failures.map((f) => `${f.where}: ${f.message}`).join('\n'))}</failure>\n    `;
      return `    <testcase classname="${xml(file.source)}" name="${xml(r.name)}" time="${r.seconds.toFixed(3)}">${body}</testcase>`;
    });
    return `  <testsuite name="${xml(file.source)}" tests="${file.results.length}" failures="${failed}" time="${seconds.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="casetrail scenarios">\n${suites.join('\n')}\n</testsuites>\n`;
}
