import { ReadModelDb } from './database';

/**
 * As of a moment (SPEC §10): the position the log had reached at `instant`, i.e. the last event recorded
 * at or before it, from the `event_timeline` read model (events of centers by recording time); -1 before
 * the first. A read model "as of" the instant is the read model after applying the log up to there.
 */
export async function positionAt(db: ReadModelDb, instant: string): Promise<bigint> {
  const row = await db
    .selectFrom('event_timeline')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('recorded_at', '<=', instant)
    .executeTakeFirst();
  return row?.position === null || row?.position === undefined ? -1n : BigInt(row.position as number | string);
}
