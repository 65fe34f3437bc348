import { ValidationError } from '../../core/errors';

export const MAX_PAGE = 100;

export function requirePageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
    throw new ValidationError([{ field: 'first', message: `must be from 1 to ${MAX_PAGE}` }]);
}

/** Opaque cursors: a kind and its key, base64url. A cursor of another kind or shape is refused. */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`).toString('base64url');
}

export function decodeCursor(kind: string, cursor: string, shape: RegExp): RegExpExecArray {
  const text = Buffer.from(cursor, 'base64url').toString();
  const m = text.startsWith(`${kind}:`) ? shape.exec(text.slice(kind.length + 1)) : null;
  if (!m) throw new ValidationError([{ field: 'after', message: 'is not a cursor this API issued' }]);
  return m;
}

/** A Relay-style connection from a page fetched with `first + 1` rows. */
export function connection<Row, Node>(
  rows: Row[],
  first: number,
  total: number,
  cursorOf: (row: Row) => string,
  nodeOf: (row: Row) => Node,
) {
  const edges = rows.slice(0, first).map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
}
