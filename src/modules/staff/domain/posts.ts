import { LocalDate } from '../../../core/dates';
import { Leave, onLeaveAllDay } from './attendance.decider';
import { AbPair } from './staff.decider';

/** 所在岗位 (the post itself) or 兼任岗位 (the AB post that covers it, or that it covers). */
export type PostRole = 'POST' | 'AB_COVER';

export interface PostHolder {
  staffId: string;
  post: PostRole;
}

/**
 * The holders answerable for a post (A02: 所在岗位或兼任岗位每人每次扣10分): the post's own holder and
 * every post paired with it as AB cover, either way round (the B post covers the A post; where the pair
 * is kept the other way, the A post covers the B post). Each holder once, the post's own first.
 */
export function postAndCovers(staffId: string, abPairs: readonly AbPair[]): PostHolder[] {
  const covers = abPairs.flatMap((p) => (p.aPost === staffId ? [p.bPost] : p.bPost === staffId ? [p.aPost] : []));
  return [
    { staffId, post: 'POST' as const },
    ...[...new Set(covers)].filter((c) => c !== staffId).map((c) => ({ staffId: c, post: 'AB_COVER' as const })),
  ];
}

/**
 * Who of them was on duty on the day: everyone not on approved leave for the whole day. Someone away
 * without approved leave was on duty (and absent, 旷工): they are answerable for the post too.
 */
export function onDutyOn(
  holders: PostHolder[],
  leavesOf: (staffId: string) => Leave[],
  day: LocalDate,
): { onDuty: PostHolder[]; offDuty: Array<PostHolder & { leaveIds: string[] }> } {
  const onDuty: PostHolder[] = [];
  const offDuty: Array<PostHolder & { leaveIds: string[] }> = [];
  for (const holder of holders) {
    const leave = onLeaveAllDay(leavesOf(holder.staffId), day);
    if (leave.length === 0) onDuty.push(holder);
    else offDuty.push({ ...holder, leaveIds: leave.map((l) => l.leaveId) });
  }
  return { onDuty, offDuty };
}
