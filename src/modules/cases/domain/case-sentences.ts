import { CaseEvent } from './case.events';

type Data<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];

const OUTCOME: Record<string, string> = { APPROVED: '准予', DENIED: '不予' };
const CHANNEL: Record<string, string> = { WINDOW: '窗口', ONLINE: '网上办事大厅', VILLAGE_AGENT: '村（社区）代办', APPOINTMENT: '预约' };
const SUSPENSION: Record<string, string> = {
  HIGHER_AUTHORITY: '报上级机关',
  STATUTORY_PROCEDURE: '法定程序',
  APPLICANT_REQUEST: '申请人原因',
};
const DELIVERY: Record<string, string> = { PICKUP: '当面领取', MAIL: '邮寄', ELECTRONIC: '电子送达' };
const ACTION: Record<string, string> = { PASS: '通过', RETURN: '退回', OTHER: '其他' };
const BASIS: Record<string, string> = { ACCEPTANCE: '受理次日', SUPPLEMENT: '补正材料收到次日', RECEIPT: '收件次日' };
const OPINION: Record<string, string> = { AGREE: '同意', DISAGREE: '不同意', CONDITIONAL: '有条件同意' };
const yesNo = (b: boolean | null | undefined) => (b ? '是' : '否');

/**
 * Each step of a case as a sentence, in Chinese, with the figures that matter: on the paper file (案卷)
 * and beside each entry of a case's history (`CaseHistoryEntry.summary`, which the console's audit shows).
 * An event without a sentence here is shown by its label (CASE_EVENT_LABELS) and its recorded data, so a
 * new event needs none to appear; give it one when its figures deserve telling.
 */
export const CASE_EVENT_SENTENCES: { [T in CaseEvent['type']]?: (d: Data<T>) => string } = {
  CaseSubmitted: (d) =>
    `收件，受理编号 ${d.receiptNo}，事项 ${d.itemCode}（第 ${d.itemVersion} 版），经由${CHANNEL[d.channel] ?? d.channel}，材料 ${d.materials.length} 件；补正告知期限至 ${d.supplementNoticeDue}。`,
  SupplementRequested: (d) =>
    `第 ${d.noticeNo} 次一次性告知补正，缺：${d.missingMaterials.join('、')}${d.late ? '；告知已逾期' : ''}${d.breachesOneTimeRule ? '；违反一次性告知' : ''}${d.applicantDue ? `；申请人须于 ${d.applicantDue} 前补齐` : ''}。`,
  SupplementReceived: (d) => `收到补正材料：${d.materials.join('、')}。`,
  CaseAccepted: (d) =>
    `受理，事项「${d.item.name}」，${d.timeLimit.limit} 个${d.timeLimit.unit === 'natural_days' ? '自然日' : '工作日'}，自${BASIS[d.clockStartBasis] ?? d.clockStartBasis}起算，承诺办结期限 ${d.timeLimit.dueDate}${d.timeLimit.provisional ? '（暂定：该年放假安排尚未公布）' : ''}；承办人 ${d.handler}${d.toleranceMaterials.length ? `；容缺受理：${d.toleranceMaterials.join('、')}` : ''}。`,
  CaseRejected: (d) => `不予受理（退回），理由：${d.reason}。`,
  StepRecorded: (d) =>
    `环节「${d.step}」办理完毕（${ACTION[d.action] ?? d.action}），意见：${d.opinion}；用时 ${d.stepWorkingDays} 个工作日${d.stepLimit !== null ? `，时限 ${d.stepLimit}${d.late ? '，超时' : ''}` : ''}。`,
  CaseCompleted: (d) =>
    `办结（${OUTCOME[d.outcome] ?? d.outcome}）${d.reason ? `，理由：${d.reason}` : ''}；办结期限 ${d.dueDate}，${d.onTime ? '按时办结' : '超时办结'}${d.withinFirstUrgingPeriod !== null ? `，首次催办期限内：${yesNo(d.withinFirstUrgingPeriod)}` : ''}。`,
  ResultDelivered: (d) => `结果送达（${DELIVERY[d.method] ?? d.method}），领取人 ${d.recipient}。`,
  CaseWithdrawn: (d) => `申请人撤回申请${d.reason ? `，理由：${d.reason}` : ''}。`,
  CaseTerminated: (d) => `终止：${d.reason}${d.applicantDue ? `（补正期限 ${d.applicantDue}）` : ''}。`,
  CaseArchived: () => '归档。',
  CaseReassigned: (d) => `${d.asCover ? 'AB岗顶岗' : '转办'}：由 ${d.fromStaffId ?? '（无）'} 交 ${d.toStaffId}，理由：${d.reason}。`,
  CaseSuspended: (d) =>
    `计时中止（${SUSPENSION[d.reason] ?? d.reason}${d.detail ? `：${d.detail}` : ''}），自 ${d.fromDate} 日终止计时${d.sentUpLate ? '；上报前审查已超过 20 个工作日' : ''}。`,
  CaseResumed: (d) =>
    `恢复计时：${d.fromDate} 至 ${d.toDate} 不计 ${d.workingDaysLeftOut} 个工作日，办结期限由 ${d.previousDueDate} 顺延至 ${d.dueDate}${d.provisional ? '（暂定）' : ''}。`,
  ExtensionRequested: (d) => `申请延期 ${d.workingDays} 个工作日，理由：${d.reason}。`,
  ExtensionApproved: (d) =>
    `批准延期 ${d.workingDays} 个工作日（${d.reason}）${d.governmentApproval ? `，经${d.governmentApproval.by}批准（${d.governmentApproval.documentNo}）` : ''}，办结期限由 ${d.previousDueDate} 延至 ${d.dueDate}${d.provisional ? '（暂定）' : ''}。`,
  ExtensionDenied: (d) => `不予批准延期 ${d.workingDays} 个工作日，理由：${d.reason}。`,
  CaseUrged: (d) => `催办：${d.note}；限 ${d.periodWorkingDays} 个工作日内办理，至 ${d.periodEndsOn}。`,
  DeadlineWarningIssued: (d) =>
    `黄牌预警：距办结期限 ${d.dueDate} 剩 ${d.workingDaysRemaining} 个工作日，已用 ${d.workingDaysUsed} 个工作日。`,
  DeadlineBreached: (d) => `红牌：办结期限 ${d.dueDate} 已过，尚未办结（超期 ${d.workingDaysOver} 个工作日）。`,
  EscalationReviewOverdue: (d) => `上报前审查超时：已用 ${d.workingDaysUsed} 个工作日，超过 ${d.limit} 个工作日的审查期限。`,
  DueDateCorrected: (d) =>
    `${d.scheduleYears.join('、')} 年放假安排已公布，暂定办结期限${d.previousDueDate === d.dueDate ? ` ${d.dueDate} 经核确认` : `由 ${d.previousDueDate} 更正为 ${d.dueDate}`}${d.provisional ? '（仍为暂定）' : ''}；日历：${d.calendar}。`,
  StepOverdue: (d) => `环节超时预警：「${d.step}」自 ${d.since} 起已用 ${d.workingDaysUsed} 个工作日，超过时限 ${d.stepLimit} 个工作日。`,
  ParticipantsNotified: (d) =>
    `抄告相关单位并联审查：${d.participants.map((p) => `${p.department}（${p.window}，${p.reviewLimit} 个工作日，至 ${p.dueDate}${p.required ? '' : '，仅征求意见'}）`).join('；')}${d.fromCatalog ? '' : `。与事项所列不同，理由：${d.reason}`}。`,
  OpinionRecorded: (d) =>
    `${d.department}（${d.window}）会签意见：${OPINION[d.opinion] ?? d.opinion}${d.reasons ? `，理由：${d.reasons}` : ''}${d.conditions.length ? `，条件：${d.conditions.join('、')}` : ''}；用时 ${d.workingDaysUsed} 个工作日，期限 ${d.dueDate}${d.late ? `，超时 ${d.workingDaysOver} 个工作日` : ''}。`,
  ReviewSuspended: (d) =>
    `${d.window} 会签计时中止（${SUSPENSION[d.reason] ?? d.reason}${d.detail ? `：${d.detail}` : ''}），自 ${d.fromDate} 日终止计时。`,
  ReviewResumed: (d) => `${d.window} 会签恢复计时：${d.fromDate} 至 ${d.toDate} 不计，期限由 ${d.previousDueDate} 顺延至 ${d.dueDate}。`,
  ReviewWarningIssued: (d) => `会签黄牌预警：${d.window} 距会签期限 ${d.dueDate} 剩 ${d.workingDaysRemaining} 个工作日，尚未回复意见。`,
  ReviewOverdue: (d) => `会签超时：${d.window} 会签期限 ${d.dueDate} 已过，尚未回复意见（超期 ${d.workingDaysOver} 个工作日）。`,
  JointReviewHeld: (d) =>
    `${d.kind === 'MEETING' ? '联合会审' : '现场踏勘'}${d.location ? `（${d.location}）` : ''}，参加：${d.attendees.map((a) => `${a.unit} ${a.name}`).join('、')}；纪要：${d.minutes}`,
  CaseSentUp: (d) =>
    `由 ${d.carriedBy} 代办上报${d.authority}（上报件告知书 ${d.transmittal.formNo}${d.transmittal.materials.length ? `，材料：${d.transmittal.materials.join('、')}` : ''}），中心已办理 ${d.centerWorkingDaysUsed} 个工作日；上级机关办理期间不计时。`,
  CaseReturnedFromAuthority: (d) => `${d.authority}返回（${d.carriedBy} 带回${d.formNo ? `，${d.formNo}` : ''}），批复：${d.decision}。`,
  CenterTimeWarningIssued: (d) => `上报件中心办理黄牌预警：已用 ${d.workingDaysUsed} 个工作日，中心办理时限 ${d.limit} 个工作日。`,
  CenterTimeExceeded: (d) => `上报件中心办理超时：已用 ${d.workingDaysUsed} 个工作日，超过 ${d.limit} 个工作日（上级机关办理时间不计）。`,
  FeeRecorded: (d) => `收费 ${d.amount} 元，依据：${d.basis}。`,
  OpinionsWaived: (d) => `经中心主任同意，不再等待 ${d.windows.join('、')} 的会签意见，理由：${d.reason}。`,
};

/**
 * The sentence for a recorded event; null for a type with no sentence, or data that does not have the
 * fields its type should (an edited file, a record older than a field): the page then shows the record.
 */
export function sentenceOf(type: string, data: unknown): string | null {
  const say = (CASE_EVENT_SENTENCES as Record<string, ((d: unknown) => string) | undefined>)[type];
  try {
    return say ? say(data) : null;
  } catch {
    return null;
  }
}
