import { DomainEvent } from '../../../core/decider';
import { DueDate } from '../../time-limits/domain/due-date';
import { Applicant } from './applicant';
import { ItemSnapshot } from './item-snapshot';

export type Channel = 'WINDOW' | 'ONLINE' | 'VILLAGE_AGENT' | 'APPOINTMENT';
export type Outcome = 'APPROVED' | 'DENIED';
export type DeliveryMethod = 'PICKUP' | 'MAIL' | 'ELECTRONIC';
/** GB/T 39046 业务动作: 通过 / 退回 / 其他 */
export type StepAction = 'PASS' | 'RETURN' | 'OTHER';

export type CaseSubmitted = DomainEvent<
  'CaseSubmitted',
  {
    caseId: string;
    receiptNo: string;
    center: string;
    itemCode: string;
    itemVersion: number;
    kind: ItemSnapshot['kind'];
    window: string;
    applicant: Applicant;
    channel: Channel;
    materials: string[];
    submittedAt: string;
  }
>;
/** 一次性告知: every missing material in one notice. A second notice breaches the one-time rule. */
export type SupplementRequested = DomainEvent<
  'SupplementRequested',
  { caseId: string; missingMaterials: string[]; noticeNo: number; breachesOneTimeRule: boolean; requestedAt: string }
>;
export type SupplementReceived = DomainEvent<'SupplementReceived', { caseId: string; materials: string[]; receivedAt: string }>;
/** 受理: pins the item version and records the due date promised on the acceptance notice. */
export type CaseAccepted = DomainEvent<
  'CaseAccepted',
  {
    caseId: string;
    item: ItemSnapshot;
    timeLimit: DueDate;
    handler: string;
    /** 容缺受理: accepted on a written commitment to bring a non-essential document later. */
    toleranceMaterials: string[];
    acceptedAt: string;
  }
>;
/** 退回件: not acceptable, with a written reason. */
export type CaseRejected = DomainEvent<'CaseRejected', { caseId: string; reason: string; rejectedAt: string }>;
/** 环节: one handling step and its opinion. */
export type StepRecorded = DomainEvent<
  'StepRecorded',
  { caseId: string; step: string; action: StepAction; opinion: string; handledAt: string }
>;
export type CaseCompleted = DomainEvent<
  'CaseCompleted',
  { caseId: string; outcome: Outcome; reason: string | null; dueDate: string; onTime: boolean; completedAt: string }
>;
export type ResultDelivered = DomainEvent<
  'ResultDelivered',
  { caseId: string; method: DeliveryMethod; recipient: string; deliveredAt: string }
>;
export type CaseWithdrawn = DomainEvent<'CaseWithdrawn', { caseId: string; reason: string | null; withdrawnAt: string }>;
export type CaseTerminated = DomainEvent<'CaseTerminated', { caseId: string; reason: string; terminatedAt: string }>;
export type CaseArchived = DomainEvent<'CaseArchived', { caseId: string; archivedAt: string }>;
/** AB岗: handing a case to another staff member, as cover for an absent colleague or for good. */
export type CaseReassigned = DomainEvent<
  'CaseReassigned',
  { caseId: string; fromStaffId: string | null; toStaffId: string; asCover: boolean; reason: string; reassignedAt: string }
>;

export type CaseEvent =
  | CaseSubmitted
  | SupplementRequested
  | SupplementReceived
  | CaseAccepted
  | CaseRejected
  | StepRecorded
  | CaseCompleted
  | ResultDelivered
  | CaseWithdrawn
  | CaseTerminated
  | CaseArchived
  | CaseReassigned;

export const CASE_EVENT_TYPES: ReadonlySet<string> = new Set<CaseEvent['type']>([
  'CaseSubmitted',
  'SupplementRequested',
  'SupplementReceived',
  'CaseAccepted',
  'CaseRejected',
  'StepRecorded',
  'CaseCompleted',
  'ResultDelivered',
  'CaseWithdrawn',
  'CaseTerminated',
  'CaseArchived',
  'CaseReassigned',
]);
