import { chinaTimeOf } from '../../core/dates';
import { STATUTORY_PROCEDURES, SuspensionReason, CaseKind } from '../time-limits';
import { CASE_EVENT_TYPES, CaseEvent, Opinion, StepAction } from '../cases';
import { asDomainEvent } from '../../core/event-store';

/**
 * GB/T 39046-2020 (政务服务平台基础数据规范): the records a service platform exchanges about a case,
 * made from its events. Acceptance (受理), one handling record per step (过程), special procedures
 * (特别程序: extension, suspension), completion (办结), evaluation (评价) and e-supervision (电子监察).
 * Times are China time written `YYYYMMDDThhmmss`, as the standard writes them. No personal data: the
 * applicant is named by the case number only.
 */
export interface ExchangeRecords {
  caseId: string;
  acceptance: AcceptanceRecord | null;
  steps: StepRecord[];
  specialProcedures: SpecialProcedureRecord[];
  completion: CompletionRecord | null;
  evaluations: EvaluationRecord[];
  supervision: SupervisionRecord[];
}

export interface AcceptanceRecord {
  /** 办件编号 */
  caseNo: string;
  /** 实施编码: the catalog's item code. */
  itemCode: string;
  itemName: string;
  /** 受理单位: the center. */
  acceptingUnit: string;
  department: string;
  /** 受理人员 */
  acceptedBy: string;
  /** 受理时间 */
  acceptedAt: string;
  /** 承诺办结时间: the end of the promised due date (a case is on time if completed by then). */
  promisedBy: string;
  /** 办件类型代码: 1 即办件, 2 承诺件, 9 其他 (joint and escalated cases; `caseKind` tells which). */
  caseTypeCode: '1' | '2' | '9';
  caseKind: CaseKind;
}

/** 业务动作 */
const ACTION_NAMES: Record<StepAction, string> = { PASS: '通过', RETURN: '退回', OTHER: '其他' };
/** A participant's opinion as a step's 业务动作: agreeing passes it, disagreeing returns it, a condition is neither. */
const OPINION_ACTIONS: Record<Opinion, string> = { AGREE: '通过', DISAGREE: '退回', CONDITIONAL: '其他' };
const OPINION_NAMES: Record<Opinion, string> = { AGREE: '同意', DISAGREE: '不同意', CONDITIONAL: '有条件同意' };

export interface StepRecord {
  /** 业务动作: 通过 / 退回 / 其他 */
  action: string;
  /** 环节名称 */
  step: string;
  /** 处理人 */
  handledBy: string;
  /** 处理意见 */
  opinion: string;
  /** From the end of the step before (or the acceptance) to this step's end. */
  startedAt: string;
  endedAt: string;
  /** 环节办理状态: 1 待办, 2 已办. Recorded steps are done. */
  status: 2;
  /** Rule 12: the step took longer than its own limit. */
  late: boolean;
}

const SUSPENSION_NAMES: Record<SuspensionReason, string> = {
  HIGHER_AUTHORITY: '上报上级机关',
  STATUTORY_PROCEDURE: '法定程序',
  APPLICANT_REQUEST: '申请人原因',
};

/** 行政许可法 art. 45: the procedures whose time is not counted, as a statutory suspension names them. */
const PROCEDURE_NAMES: Record<(typeof STATUTORY_PROCEDURES)[number], string> = {
  hearing: '听证',
  tender: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
};

/** What the suspension is, and why: a statutory one by its procedure, the others by the detail given. */
function suspension(reason: SuspensionReason, detail: string | null): { name: string; reason: string } {
  if (reason === 'STATUTORY_PROCEDURE') {
    const procedure = (detail && (PROCEDURE_NAMES as Record<string, string>)[detail]) ?? detail ?? '';
    return { name: `计时中止: ${SUSPENSION_NAMES[reason]} (${procedure})`, reason: procedure };
  }
  return { name: `计时中止: ${SUSPENSION_NAMES[reason]}`, reason: detail ?? SUSPENSION_NAMES[reason] };
}

export interface SpecialProcedureRecord {
  /** 特别程序种类: 1 延期, 2 其他 (a suspension of the clock). */
  kind: 1 | 2;
  name: string;
  startedAt: string;
  /** Null while it lasts (a suspension not yet resumed, an extension not yet decided). */
  endedAt: string | null;
  reason: string;
  /** 特别程序结果 */
  result: string | null;
}

export interface CompletionRecord {
  /** 办结时间 */
  completedAt: string;
  /** 办结结果: 准予 / 不予 */
  result: string;
  completedBy: string;
  onTime: boolean;
  deliveredAt: string | null;
  deliveryMethod: string | null;
}

/** One rating of the case (GB/T 39734 levels). */
export interface RatingFacts {
  level: 1 | 2 | 3 | 4 | 5;
  channel: string;
  stage: string;
  ratedAt: string;
  setAside: boolean;
}

export interface EvaluationRecord {
  /** 满意度: 1 非常满意 … 5 非常不满意 (GB/T 39734) */
  satisfaction: 1 | 2 | 3 | 4 | 5;
  channel: string;
  stage: string;
  ratedAt: string;
  /** Set aside on appeal: kept, as everything is, and marked. */
  setAside: boolean;
}

export interface SupervisionRecord {
  /** 督办内容 */
  content: string;
  /** 监察规则编号: the statutory-clock rule (SPEC §5) that raised it. */
  ruleCode: string;
  /** 预警类型 */
  warningType: string;
  /** 状态产生时间 */
  occurredAt: string;
  /** 结果描述 */
  result: string;
  /** 责任部门 */
  responsibleDepartment: string;
}

/** What the mapper needs of a recorded event: the domain event, who acted and when it happened (business time). */
export type RecordedCaseEvent = {
  type: string;
  data: unknown;
  metadata: { actor: { id: string; onBehalfOf?: string }; occurredAt: string };
};

/** `YYYYMMDDThhmmss`, China time. */
export function gbtTime(instant: string): string {
  return chinaTimeOf(instant).replace(/[-:]/g, '').replace(' ', 'T');
}

/** The end of a China-time day, as a promised completion time. */
const endOfDay = (date: string) => `${date.replace(/-/g, '')}T235959`;

const TYPE_CODES: Record<CaseKind, AcceptanceRecord['caseTypeCode']> = { immediate: '1', promised: '2', joint: '9', escalated: '9' };

/** Who acted, and for whom when covering a post (AB岗). */
const actorOf = (e: RecordedCaseEvent) =>
  e.metadata.actor.onBehalfOf ? `${e.metadata.actor.id} (代 ${e.metadata.actor.onBehalfOf})` : e.metadata.actor.id;

export function exchangeRecords(caseId: string, events: RecordedCaseEvent[], ratings: RatingFacts[]): ExchangeRecords {
  const out: ExchangeRecords = {
    caseId,
    acceptance: null,
    steps: [],
    specialProcedures: [],
    completion: null,
    evaluations: [],
    supervision: [],
  };
  let receiptNo = '';
  let center = '';
  let department = '';
  let lastStepEnd: string | null = null;
  let openSuspension: SpecialProcedureRecord | null = null;
  let openExtension: SpecialProcedureRecord | null = null;
  let notifiedAt: string | null = null;
  const departments = new Map<string, string>();
  /** An e-supervision record, charged to the item's department unless another is named (a joint case's participant). */
  const supervise = (
    e: RecordedCaseEvent,
    record: Omit<SupervisionRecord, 'occurredAt' | 'responsibleDepartment'>,
    responsible = department,
  ) => out.supervision.push({ ...record, occurredAt: gbtTime(e.metadata.occurredAt), responsibleDepartment: responsible });
  /** A step of the center's own that is neither passed nor returned (其他), from the end of the step before to `at`. */
  const otherStep = (e: RecordedCaseEvent, step: string, opinion: string, at: string) => {
    out.steps.push({
      action: ACTION_NAMES.OTHER,
      step,
      handledBy: actorOf(e),
      opinion,
      startedAt: gbtTime(lastStepEnd ?? at),
      endedAt: gbtTime(at),
      status: 2,
      late: false,
    });
    lastStepEnd = at;
  };

  for (const recorded of events) {
    if (!CASE_EVENT_TYPES.has(recorded.type)) continue;
    const event = asDomainEvent<CaseEvent>(recorded);
    switch (event.type) {
      case 'CaseSubmitted':
        receiptNo = event.data.receiptNo;
        center = event.data.center;
        break;
      case 'CaseAccepted': {
        const { item, timeLimit, acceptedAt } = event.data;
        department = item.department;
        out.acceptance = {
          caseNo: receiptNo,
          itemCode: item.code,
          itemName: item.name,
          acceptingUnit: center,
          department,
          acceptedBy: actorOf(recorded),
          acceptedAt: gbtTime(acceptedAt),
          promisedBy: endOfDay(timeLimit.dueDate),
          caseTypeCode: TYPE_CODES[item.kind],
          caseKind: item.kind,
        };
        lastStepEnd = acceptedAt;
        break;
      }
      case 'StepRecorded': {
        const d = event.data;
        out.steps.push({
          action: ACTION_NAMES[d.action],
          step: d.step,
          handledBy: actorOf(recorded),
          opinion: d.opinion,
          startedAt: gbtTime(lastStepEnd ?? d.handledAt),
          endedAt: gbtTime(d.handledAt),
          status: 2,
          late: d.late,
        });
        lastStepEnd = d.handledAt;
        break;
      }
      case 'CaseSuspended': {
        const d = event.data;
        openSuspension = { kind: 2, ...suspension(d.reason, d.detail), startedAt: gbtTime(d.suspendedAt), endedAt: null, result: null };
        out.specialProcedures.push(openSuspension);
        break;
      }
      case 'CaseResumed':
        if (openSuspension) {
          const d = event.data;
          openSuspension.endedAt = gbtTime(d.resumedAt);
          openSuspension.result = `恢复计时, 不计 ${d.workingDaysLeftOut} 个工作日, 办结期限由 ${d.previousDueDate} 顺延至 ${d.dueDate}`;
          openSuspension = null;
        }
        break;
      case 'ExtensionRequested': {
        const d = event.data;
        openExtension = {
          kind: 1,
          name: `延期 ${d.workingDays} 个工作日`,
          startedAt: gbtTime(d.requestedAt),
          endedAt: null,
          reason: d.reason,
          result: null,
        };
        out.specialProcedures.push(openExtension);
        break;
      }
      case 'ExtensionApproved':
      case 'ExtensionDenied': {
        const d = event.data;
        const at = event.type === 'ExtensionApproved' ? event.data.approvedAt : event.data.deniedAt;
        // Decided on a request recorded before it; a decision with none (older records) stands alone.
        if (!openExtension) {
          openExtension = {
            kind: 1,
            name: `延期 ${d.workingDays} 个工作日`,
            startedAt: gbtTime(at),
            endedAt: null,
            reason: d.reason,
            result: null,
          };
          out.specialProcedures.push(openExtension);
        }
        openExtension.endedAt = gbtTime(at);
        openExtension.result =
          event.type === 'ExtensionApproved'
            ? `批准 (${actorOf(recorded)}): 办结期限由 ${event.data.previousDueDate} 延至 ${event.data.dueDate}`
            : `不予批准 (${actorOf(recorded)}): ${d.reason}`;
        openExtension = null;
        break;
      }
      case 'CaseCompleted': {
        const d = event.data;
        out.completion = {
          completedAt: gbtTime(d.completedAt),
          result: d.outcome === 'APPROVED' ? '准予' : '不予',
          completedBy: actorOf(recorded),
          onTime: d.onTime,
          deliveredAt: null,
          deliveryMethod: null,
        };
        break;
      }
      case 'ResultDelivered':
        if (out.completion) {
          out.completion.deliveredAt = gbtTime(event.data.deliveredAt);
          out.completion.deliveryMethod = event.data.method;
        }
        break;
      case 'CaseUrged':
        supervise(recorded, {
          content: event.data.note,
          ruleCode: 'TL-15',
          warningType: '催办',
          result: `限 ${event.data.periodWorkingDays} 个工作日内办理, 至 ${event.data.periodEndsOn}`,
        });
        break;
      case 'DeadlineWarningIssued':
        supervise(recorded, {
          content: `距办结期限 ${event.data.dueDate} 剩余 ${event.data.workingDaysRemaining} 个工作日`,
          ruleCode: 'TL-13-YELLOW',
          warningType: '黄牌预警',
          result: `已用 ${event.data.workingDaysUsed} 个工作日`,
        });
        break;
      case 'DeadlineBreached':
        supervise(recorded, {
          content: `办结期限 ${event.data.dueDate} 已过, 尚未办结`,
          ruleCode: 'TL-13-RED',
          warningType: '红牌',
          result: `超期 ${event.data.workingDaysOver} 个工作日`,
        });
        break;
      case 'EscalationReviewOverdue':
        supervise(recorded, {
          content: `上报前审查已用 ${event.data.workingDaysUsed} 个工作日`,
          ruleCode: 'TL-6',
          warningType: '上报超时',
          result: `超过 ${event.data.limit} 个工作日的审查期限`,
        });
        break;
      case 'StepOverdue':
        supervise(recorded, {
          content: `环节「${event.data.step}」自 ${event.data.since} 起已用 ${event.data.workingDaysUsed} 个工作日`,
          ruleCode: 'TL-12',
          warningType: '环节超时',
          result: `超过环节时限 ${event.data.stepLimit} 个工作日`,
        });
        break;
      // 联办件: each participant's review is a handling step of its own (会签), by its department, from the
      // notice to its opinion; its warnings are e-supervision records naming that department.
      case 'ParticipantsNotified':
        notifiedAt = event.data.notifiedAt;
        for (const p of event.data.participants) departments.set(p.window, p.department);
        break;
      case 'OpinionRecorded': {
        const d = event.data;
        const said = [d.reasons, d.conditions.length ? `条件：${d.conditions.join('、')}` : null].filter(Boolean).join('；');
        out.steps.push({
          action: OPINION_ACTIONS[d.opinion],
          step: `会签：${d.department}`,
          handledBy: actorOf(recorded),
          opinion: `${OPINION_NAMES[d.opinion]}${said ? `：${said}` : ''}`,
          startedAt: gbtTime(notifiedAt ?? d.recordedAt),
          endedAt: gbtTime(d.recordedAt),
          status: 2,
          late: d.late,
        });
        break;
      }
      // 上报件: the trip up and back are handling steps of the center's agent (代办); its own time's warnings
      // are e-supervision records.
      case 'CaseSentUp':
        otherStep(recorded, `上报${event.data.authority}`, `上报件告知书 ${event.data.transmittal.formNo}`, event.data.sentAt);
        break;
      case 'CaseReturnedFromAuthority': {
        const d = event.data;
        otherStep(recorded, `${d.authority}返回`, `批复：${d.decision}${d.formNo ? `（${d.formNo}）` : ''}`, d.returnedAt);
        break;
      }
      case 'JointReviewHeld': {
        const d = event.data;
        const attended = d.attendees.map((a) => `${a.unit} ${a.name}`).join('、');
        otherStep(recorded, d.kind === 'MEETING' ? '联合会审' : '现场踏勘', `参加：${attended}；纪要：${d.minutes}`, d.heldAt);
        break;
      }
      case 'CenterTimeWarningIssued':
      case 'CenterTimeExceeded':
        supervise(recorded, {
          content: `上报件中心办理已用 ${event.data.workingDaysUsed} 个工作日（上级机关办理时间不计）`,
          ruleCode: event.type === 'CenterTimeExceeded' ? 'TL-ESC-RED' : 'TL-ESC-YELLOW',
          warningType: event.type === 'CenterTimeExceeded' ? '上报件中心办理超时' : '上报件中心办理预警',
          result: `中心办理时限 ${event.data.limit} 个工作日`,
        });
        break;
      case 'ReviewWarningIssued':
        supervise(
          recorded,
          {
            content: `会签期限 ${event.data.dueDate} 剩余 ${event.data.workingDaysRemaining} 个工作日, 尚未回复意见`,
            ruleCode: 'TL-JOINT-YELLOW',
            warningType: '会签黄牌预警',
            result: `已用 ${event.data.workingDaysUsed} 个工作日`,
          },
          departments.get(event.data.window) ?? event.data.window,
        );
        break;
      case 'ReviewOverdue':
        supervise(
          recorded,
          {
            content: `会签期限 ${event.data.dueDate} 已过, 尚未回复意见`,
            ruleCode: 'TL-JOINT-RED',
            warningType: '会签超时',
            result: `超期 ${event.data.workingDaysOver} 个工作日`,
          },
          departments.get(event.data.window) ?? event.data.window,
        );
        break;
      // The promise on the acceptance record stays as made; the correction is the case's own record.
      case 'DueDateCorrected':
      case 'SupplementRequested':
      case 'SupplementReceived':
      case 'CaseRejected':
      case 'CaseWithdrawn':
      case 'CaseTerminated':
      case 'CaseArchived':
      case 'CaseReassigned':
        break;
      // The standard names the records above; an event it does not name makes none.
      default:
        break;
    }
  }
  out.evaluations = ratings.map((r) => ({
    satisfaction: r.level,
    channel: r.channel,
    stage: r.stage,
    ratedAt: gbtTime(r.ratedAt),
    setAside: r.setAside,
  }));
  return out;
}
