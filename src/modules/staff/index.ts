import { LocalDate } from '../../core/dates';
import { EventStore, foldStream } from '../../core/event-store';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { attendanceDecider, attendanceStream } from './domain/attendance.decider';
import { PostHolder, onDutyOn, postAndCovers } from './domain/posts';
import { AbPair } from './domain/staff.decider';
import { DirectoryProjection } from './queries/directory/directory.projection';

/** staff: windows, posts and staff members (窗口、岗位、人员), and their attendance (考勤). */

/** The staff directory's read model. */
export const staffProjections = () => [new DirectoryProjection()];

/**
 * A post and its AB cover posts on a day (A02): the window's AB pairs as its admin defined them, and
 * each holder's approved leave as their attendance stream holds it now.
 */
export async function postHoldersOn(
  store: EventStore,
  db: ReadModelDb,
  at: { center: string; window: string; staffId: string; day: LocalDate },
): Promise<ReturnType<typeof onDutyOn>> {
  const row = await db
    .selectFrom('window_directory')
    .select('definition')
    .where('key', '=', `${at.center}/${at.window}`)
    .executeTakeFirst();
  const abPairs = row ? (JSON.parse(row.definition) as { abPairs: AbPair[] }).abPairs : [];
  const holders: PostHolder[] = postAndCovers(at.staffId, abPairs);
  const leaves = new Map(
    await Promise.all(
      holders.map(
        async (h) =>
          [
            h.staffId,
            (await foldStream(store, attendanceStream(at.center, h.staffId), attendanceDecider.evolve, attendanceDecider.initialState()))
              .leaves,
          ] as const,
      ),
    ),
  );
  return onDutyOn(holders, (staffId) => leaves.get(staffId) ?? [], at.day);
}
