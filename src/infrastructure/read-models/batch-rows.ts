import { RecordedEvent } from '../../core/event-store';
import { ReadModelTx } from './database';

/** Keys per `IN (…)` list: well under the parameter limits of SQLite (32,766) and PostgreSQL (65,535). */
const CHUNK = 500;

/** The rows of `table` whose `keyColumn` is one of `keys`, by key: one query per 500 keys, not one per key. */
export async function rowsByKey<R extends Record<string, unknown>>(
  tx: ReadModelTx,
  table: string,
  keyColumn: string,
  keys: string[],
  columns: string[],
): Promise<Map<string, R>> {
  const found = new Map<string, R>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = (await tx
      .selectFrom(table)
      .select([keyColumn, ...columns])
      .where(keyColumn, 'in', keys.slice(i, i + CHUNK))
      .execute()) as R[];
    for (const row of rows) found.set(row[keyColumn] as string, row);
  }
  return found;
}

/** Inserts rows a few hundred to a statement (rows with the same columns together); `ignoreConflictOn` skips rows already there. */
export async function insertRows(
  tx: ReadModelTx,
  table: string,
  rows: Record<string, unknown>[],
  ignoreConflictOn?: string,
): Promise<void> {
  const shapes = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const shape = Object.keys(row).sort().join(',');
    const same = shapes.get(shape);
    if (same) same.push(row);
    else shapes.set(shape, [row]);
  }
  for (const same of shapes.values()) {
    const perStatement = Math.max(1, Math.floor((CHUNK * 4) / Object.keys(same[0]).length));
    for (let i = 0; i < same.length; i += perStatement) {
      const insert = tx.insertInto(table).values(same.slice(i, i + perStatement));
      await (ignoreConflictOn ? insert.onConflict((oc) => oc.column(ignoreConflictOn).doNothing()) : insert).execute();
    }
  }
}

/** Events grouped by the id after `prefix` in their stream name, each group in log order, groups in order of first appearance. */
export function byStreamId(events: RecordedEvent[], prefix: string): Map<string, RecordedEvent[]> {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const id = event.stream.slice(prefix.length);
    const group = groups.get(id);
    if (group) group.push(event);
    else groups.set(id, [event]);
  }
  return groups;
}
