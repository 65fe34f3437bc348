import { DomainCommand } from '../../../core/decider';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';
import { CaseEvent } from './case.events';
import { At, OPEN, requireStatus, RuleTable } from './case-rules';
import { Case } from './case.state';

/**
 * Who handles a case: reassignment, and AB岗 cover for an absent colleague. `abPairs`: the case's window's AB pairs as its
 * admin recorded them, when any.
 */
export type ReassignCase = DomainCommand<
  'ReassignCase',
  At & { toStaffId: string; asCover: boolean; reason: string; abPairs?: Array<{ aPost: string; bPost: string }> }
>;

export type AssignmentCommand = ReassignCase;

export function reassignCase(command: ReassignCase, c: Case): CaseEvent[] {
  requireStatus(c, OPEN, 'CASE.CLOSED', 'reassign');
  const { toStaffId, asCover, reason } = command.data;
  throwIfAny([...textIssues(toStaffId, 'toStaffId', { max: 100 }), ...textIssues(reason, 'reason')]);
  if (toStaffId === c.handler) throw new DomainError('CASE.ALREADY_ASSIGNED', `The case is already handled by ${toStaffId}`);
  // AB岗: where the window records who covers whose post, only the B post covers the A post.
  const pair = asCover ? command.data.abPairs?.find((p) => p.aPost === c.handler) : undefined;
  if (pair && pair.bPost !== toStaffId) {
    throw new DomainError('CASE.NOT_THE_B_POST', `${c.handler}'s post is covered by ${pair.bPost}, not ${toStaffId}`, {
      aPost: pair.aPost,
      bPost: pair.bPost,
    });
  }
  return [
    {
      type: 'CaseReassigned',
      data: { caseId: c.id, fromStaffId: c.handler, toStaffId, asCover, reason: reason.trim(), reassignedAt: command.data.occurredAt },
    },
  ];
}

export const assignmentRules: RuleTable<AssignmentCommand> = { ReassignCase: reassignCase };
