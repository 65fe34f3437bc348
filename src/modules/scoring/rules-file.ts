import { parse } from 'yaml';
import { ValidationError } from '../../core/errors';
import { RuleSetDefinition, ruleSetIssues } from './domain/rule-set';

/** Reads a scoring rules file (`versions: [...]`, oldest first); every problem is reported at once. */
export function parseRulesFile(text: string, source = 'scoring rules'): RuleSetDefinition[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ValidationError([{ field: source, message: `is not valid YAML: ${(error as Error).message}` }]);
  }
  const versions = (raw as { versions?: unknown })?.versions;
  if (!Array.isArray(versions) || versions.length === 0)
    throw new ValidationError([{ field: source, message: 'must have a non-empty list "versions"' }]);
  const definitions = versions.map((v: Record<string, unknown>) => ({
    ...(v as unknown as RuleSetDefinition),
    // YAML reads 2026-12-01 as a date; the rules keep the day as written.
    effectiveFrom: v.effectiveFrom instanceof Date ? v.effectiveFrom.toISOString().slice(0, 10) : String(v.effectiveFrom ?? ''),
    cap: (v.cap ?? null) as number | null,
    jointLiability: (v.jointLiability ?? null) as RuleSetDefinition['jointLiability'],
  }));
  const issues = definitions.flatMap((d, i) => ruleSetIssues(d, `${source}: versions[${i}]`));
  definitions.forEach((d, i) => {
    if (i > 0 && d.effectiveFrom <= definitions[i - 1].effectiveFrom)
      issues.push({ field: `${source}: versions[${i}].effectiveFrom`, message: 'must come after the previous version' });
  });
  if (issues.length) throw new ValidationError(issues);
  return definitions;
}
