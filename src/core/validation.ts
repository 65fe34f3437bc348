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

/** NUL, or half of a UTF-16 surrogate pair without its other half: text no store can keep as text. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every string in a request that no store can keep (PostgreSQL refuses NUL and unpaired surrogates in
 * text and JSON; SQLite would keep what PostgreSQL cannot), named by its path from the input down, so
 * that both stores refuse the same input, as validation.
 */
export function unstorableTextIssues(value: unknown, path = ''): FieldIssue[] {
  if (typeof value === 'string')
    return UNSTORABLE.test(value) ? [{ field: path || 'value', message: 'must not contain NUL or unpaired surrogate characters' }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableTextIssues(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...unstorableTextIssues(k, path),
      ...unstorableTextIssues(v, path ? `${path}.${k}` : k),
    ]);
  return [];
}
