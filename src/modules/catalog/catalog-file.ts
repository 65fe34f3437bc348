import { parse } from 'yaml';
import { ValidationError } from '../../core/errors';
import { ServiceItemDefinition, serviceItemIssues } from './domain/service-item';

/** Reads a catalog YAML file (`items: [...]`); every problem in every item is reported at once. */
export function parseCatalogFile(text: string, source = 'catalog'): ServiceItemDefinition[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ValidationError([{ field: source, message: `is not valid YAML: ${(error as Error).message}` }]);
  }
  const items = (raw as { items?: unknown })?.items;
  if (!Array.isArray(items)) throw new ValidationError([{ field: source, message: 'must have a list "items"' }]);
  const definitions = items.map((entry: Record<string, unknown>) => ({
    ...(entry as unknown as ServiceItemDefinition),
    code: String(entry.code ?? ''),
    fee: entry.fee === undefined ? '0' : String(entry.fee),
    limitUnit: (entry.limitUnit ?? 'working_days') as ServiceItemDefinition['limitUnit'],
    materials: (entry.materials as string[] | undefined)?.map(String) ?? [],
    steps: (entry.steps as string[] | undefined)?.map(String) ?? [],
    allowsToleranceAcceptance: Boolean(entry.allowsToleranceAcceptance ?? false),
    ...(entry.supplementDeadline && typeof entry.supplementDeadline === 'object'
      ? {
          supplementDeadline: {
            unit: 'working_days',
            ...(entry.supplementDeadline as object),
          } as ServiceItemDefinition['supplementDeadline'],
        }
      : {}),
  }));
  const issues = definitions.flatMap((item, i) => serviceItemIssues(item, `${source}: items[${i}] (${item.code || '?'})`));
  const codes = definitions.map((d) => d.code);
  codes.forEach((code, i) => {
    if (codes.indexOf(code) !== i) issues.push({ field: `${source}: items[${i}].code`, message: `duplicates ${code}` });
  });
  if (issues.length) throw new ValidationError(issues);
  return definitions;
}
