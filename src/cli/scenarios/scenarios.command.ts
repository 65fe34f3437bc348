import { readFileSync, writeFileSync } from 'node:fs';
import { ValidationError } from '../../core/errors';
import { parseScenarioFile } from './scenario-file';
import { junitReport, textReport } from './scenario-report';
import { FileResult, runScenarioFile } from './scenario-runner';

/**
 * `casetrail scenarios run FILE…`: runs auditors' scenario files. Exit code 0 when every scenario
 * passed, 1 when one failed, 2 when a file cannot be read (nothing is run then).
 */
export async function runScenarios(opts: {
  files: string[];
  junit?: string;
  out: (t: string) => void;
  err: (t: string) => void;
}): Promise<number> {
  const parsed = [];
  for (const source of opts.files) {
    try {
      parsed.push(parseScenarioFile(readFileSync(source, 'utf8'), source));
    } catch (error) {
      if (error instanceof ValidationError) opts.err(`${error.issues.map((i) => `${i.field}: ${i.message}`).join('\n')}\n`);
      else opts.err(`${source}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const results: FileResult[] = [];
  for (const file of parsed) results.push(await runScenarioFile(file));
  opts.out(textReport(results));
  if (opts.junit) writeFileSync(opts.junit, junitReport(results));
  return results.every((f) => f.results.every((r) => r.passed)) ? 0 : 1;
}
