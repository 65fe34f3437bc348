import { LocalDate } from '../../../core/dates';
import { DomainCommand } from '../../../core/decider';
import { SuspensionReason } from '../../time-limits/domain';
import { Applicant } from './applicant';
import { Channel, DeliveryMethod, Outcome, StepAction } from './case.events';
import { ItemSnapshot } from '../../catalog/domain';

/** Every command carries the business time it happened at; the handler has defaulted it to now. */
interface At {
  occurredAt: string;
}

export type SubmitCase = DomainCommand<
  'SubmitCase',
  At & {
    caseId: string;
    receiptNo: string;
    center: string;
    item: ItemSnapshot;
    applicant: Applicant;
    channel: Channel;
    materials: string[];
    staffId: string | null;
  }
>;
export type RequestSupplement = DomainCommand<'RequestSupplement', At & { missingMaterials: string[] }>;
export type ReceiveSupplement = DomainCommand<'ReceiveSupplement', At & { materials: string[] }>;
export type AcceptCase = DomainCommand<'AcceptCase', At & { item: ItemSnapshot; staffId: string; toleranceMaterials: string[] }>;
export type RejectCase = DomainCommand<'RejectCase', At & { reason: string }>;
export type RecordStep = DomainCommand<'RecordStep', At & { step: string; action: StepAction; opinion: string }>;
export type CompleteCase = DomainCommand<'CompleteCase', At & { outcome: Outcome; reason: string | null }>;
export type DeliverResult = DomainCommand<'DeliverResult', At & { method: DeliveryMethod; recipient: string }>;
export type WithdrawCase = DomainCommand<'WithdrawCase', At & { reason: string | null }>;
export type TerminateCase = DomainCommand<'TerminateCase', At & { reason: string }>;
export type ArchiveCase = DomainCommand<'ArchiveCase', At>;
/** `abPairs`: the case's window's AB pairs as its admin recorded them (AB岗), when any. */
export type ReassignCase = DomainCommand<
  'ReassignCase',
  At & { toStaffId: string; asCover: boolean; reason: string; abPairs?: Array<{ aPost: string; bPost: string }> }
>;

export type SuspendCase = DomainCommand<'SuspendCase', At & { reason: SuspensionReason; detail: string | null }>;
export type ResumeCase = DomainCommand<'ResumeCase', At>;
export type RequestExtension = DomainCommand<'RequestExtension', At & { workingDays: number; reason: string }>;
export type ApproveExtension = DomainCommand<'ApproveExtension', At & { reason: string }>;
export type DenyExtension = DomainCommand<'DenyExtension', At & { reason: string }>;
export type UrgeCase = DomainCommand<'UrgeCase', At & { note: string; periodWorkingDays: number }>;
/** The deadline watcher's question: has this case crossed a warning threshold by `today`? */
export type CheckDeadline = DomainCommand<'CheckDeadline', At & { today: LocalDate }>;
/** The calendar's question: does a provisional due date change now that more of the official schedule is installed? */
export type CorrectDueDate = DomainCommand<'CorrectDueDate', At & { today: LocalDate }>;

export type CaseCommand =
  | SubmitCase
  | RequestSupplement
  | ReceiveSupplement
  | AcceptCase
  | RejectCase
  | RecordStep
  | CompleteCase
  | DeliverResult
  | WithdrawCase
  | TerminateCase
  | ArchiveCase
  | ReassignCase
  | SuspendCase
  | ResumeCase
  | RequestExtension
  | ApproveExtension
  | DenyExtension
  | UrgeCase
  | CheckDeadline
  | CorrectDueDate;
