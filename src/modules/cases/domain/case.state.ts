import { DueDate } from '../../time-limits/domain/due-date';
import { Applicant } from './applicant';
import { Channel, DeliveryMethod, Outcome } from './case.events';
import { ItemSnapshot } from './item-snapshot';

export type CaseStatus =
  | 'SUBMITTED'
  | 'AWAITING_SUPPLEMENT'
  | 'ACCEPTED'
  | 'COMPLETED'
  | 'DELIVERED'
  | 'ARCHIVED'
  | 'REJECTED'
  | 'WITHDRAWN'
  | 'TERMINATED';

export interface Case {
  status: CaseStatus;
  id: string;
  receiptNo: string;
  center: string;
  window: string;
  itemCode: string;
  /** The version the case is pinned to: the one in force at acceptance (or at submission until then). */
  itemVersion: number;
  kind: ItemSnapshot['kind'];
  item: ItemSnapshot | null;
  applicant: Applicant;
  channel: Channel;
  materials: string[];
  submittedAt: string;
  supplementNotices: number;
  acceptedAt: string | null;
  timeLimit: DueDate | null;
  handler: string | null;
  /** Set while `handler` is covering an absent colleague's post (AB岗). */
  coverFor: string | null;
  completedAt: string | null;
  outcome: Outcome | null;
  onTime: boolean | null;
  delivery: { method: DeliveryMethod; recipient: string; deliveredAt: string } | null;
  closedAt: string | null;
  closingReason: string | null;
  /** What the case was before it was archived. */
  archivedFrom: CaseStatus | null;
}

export type CaseState = { status: 'NONE' } | Case;

export function exists(state: CaseState): state is Case {
  return state.status !== 'NONE';
}
