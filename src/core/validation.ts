import { FieldIssue, ValidationError } from './errors';

/** Small pure checks shared by deciders; each returns issues rather than throwing, so all are reported at once. */
export function textIssues(value: string | null | undefined, field: string, { required = true, max = 2000 } = {}): FieldIssue[] {
  const text = value?.trim() ?? '';
  if (!text) return required ? [{ field, message: 'must not be empty' }] : [];
  if (text.length > max) return [{ field, message: `must be at most ${max} characters` }];
  return [];
}

export function listIssues(values: string[], field: string, { required = true, maxItems = 100, maxLength = 200 } = {}): FieldIssue[] {
  if (required && values.length === 0) return [{ field, message: 'must name at least one entry' }];
  if (values.length > maxItems) return [{ field, message: `must have at most ${maxItems} entries` }];
  return values.flatMap((v, i) => textIssues(v, `${field}[${i}]`, { max: maxLength }));
}

export function throwIfAny(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}
