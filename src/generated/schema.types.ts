
/*
 * -------------------------------------------------------
 * THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
 * -------------------------------------------------------
 */

/* tslint:disable */
/* eslint-disable */

/* Generated from schema/*.graphql by `npm run schema:types`. Do not edit. */
export type CaseStatus = "SUBMITTED" | "AWAITING_SUPPLEMENT" | "ACCEPTED" | "COMPLETED" | "DELIVERED" | "ARCHIVED" | "REJECTED" | "WITHDRAWN" | "TERMINATED";
export type Channel = "WINDOW" | "ONLINE" | "VILLAGE_AGENT" | "APPOINTMENT";
export type ApplicantKind = "PERSON" | "ORGANIZATION";
export type Outcome = "APPROVED" | "DENIED";
export type DeliveryMethod = "PICKUP" | "MAIL" | "ELECTRONIC";
export type StepAction = "PASS" | "RETURN" | "OTHER";
export type LimitBasis = "IMMEDIATE" | "PROMISED" | "LEGAL" | "DEFAULT";
export type CaseKind = "IMMEDIATE" | "PROMISED" | "JOINT" | "ESCALATED";
export type LimitUnit = "WORKING_DAYS" | "NATURAL_DAYS";
export type ComplaintChannel = "VOICE" | "PHONE" | "WRITING";
export type ComplaintStatus = "OPEN" | "ANSWERED" | "CLOSED";
export type AnswerForm = "ON_THE_SPOT" | "ORAL" | "WRITTEN";
export type ComplaintCause = "EMPTY_POST" | "ATTITUDE" | "CONDUCT" | "OTHER";
export type EscalationBasis = "FILED_AS_MAJOR" | "FOUND_MAJOR";
export type EscalatedTo = "CENTER_LEADERS" | "DISCIPLINE_OFFICE";
export type AlertLevel = "YELLOW" | "RED";
export type SupervisionAlertKind = "COMPLAINT_ESCALATED" | "COMPLAINT_ANSWER_OVERDUE" | "BAD_RATING" | "RECTIFICATION_OVERDUE";
export type SuspensionReason = "HIGHER_AUTHORITY" | "STATUTORY_PROCEDURE" | "APPLICANT_REQUEST";
export type TimeLimitState = "ON_TRACK" | "WARNING" | "OVERDUE" | "SUSPENDED" | "COMPLETED_ON_TIME" | "COMPLETED_LATE" | "CLOSED";
export type ClockStartBasis = "ACCEPTANCE" | "SUPPLEMENT" | "RECEIPT";
export type RatingChannel = "ONSITE" | "ONLINE";
export type RatingStage = "ACCEPTANCE" | "COMPLETION";
export type BadRatingStep = "VERIFY" | "RECTIFY" | "ANSWER" | "RECHECK";
export type RatingAppealStatus = "PENDING" | "SET_ASIDE" | "UPHELD_RATING";
export type ScoreLineSource = "AUTOMATIC" | "RECORDED" | "APPEAL";
export type AppealStatus = "PENDING" | "UPHELD" | "REJECTED";
export type LastPlaceNotice = "INTERNAL" | "PARENT_DEPARTMENT";
export type KpiGroup = "CENTER" | "DEPARTMENT" | "WINDOW" | "STAFF" | "ITEM";
export type AccountabilityLevel = "CRITICISM" | "CIRCULATED_CRITICISM" | "DISCIPLINARY";

export interface RevealPersonalDataInput {
    commandId: string;
    caseId: string;
    reason: string;
}

export interface CaseFilter {
    status?: Nullable<CaseStatus>;
    center?: Nullable<string>;
    window?: Nullable<string>;
    itemCode?: Nullable<string>;
}

export interface ApplicantInput {
    kind?: Nullable<ApplicantKind>;
    name: string;
    idNumber: string;
    phone?: Nullable<string>;
}

export interface SubmitCaseInput {
    commandId: string;
    itemCode: string;
    applicant: ApplicantInput;
    channel?: Nullable<Channel>;
    materials: string[];
    center?: Nullable<string>;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface RequestSupplementInput {
    commandId: string;
    caseId: string;
    missingMaterials: string[];
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface ReceiveSupplementInput {
    commandId: string;
    caseId: string;
    materials: string[];
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface AcceptCaseInput {
    commandId: string;
    caseId: string;
    toleranceMaterials: string[];
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface RejectCaseInput {
    commandId: string;
    caseId: string;
    reason: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface RecordStepInput {
    commandId: string;
    caseId: string;
    step: string;
    action?: Nullable<StepAction>;
    opinion: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface CompleteCaseInput {
    commandId: string;
    caseId: string;
    outcome: Outcome;
    reason?: Nullable<string>;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface DeliverResultInput {
    commandId: string;
    caseId: string;
    method: DeliveryMethod;
    recipient: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface WithdrawCaseInput {
    commandId: string;
    caseId: string;
    reason?: Nullable<string>;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface TerminateCaseInput {
    commandId: string;
    caseId: string;
    reason: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface ArchiveCaseInput {
    commandId: string;
    caseId: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface ReassignCaseInput {
    commandId: string;
    caseId: string;
    toStaffId: string;
    asCover?: Nullable<boolean>;
    reason: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface RecordConsultationInput {
    commandId: string;
    visitorName: string;
    visitorPhone?: Nullable<string>;
    topic: string;
    itemCode?: Nullable<string>;
    routedTo?: Nullable<string>;
    notes?: Nullable<string>;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface AcceptanceDaysInput {
    from: number;
    to: number;
}

export interface SupplementDeadlineInput {
    days: number;
    unit?: Nullable<LimitUnit>;
}

export interface StepRuleInput {
    step: string;
    limitWorkingDays?: Nullable<number>;
    minimumDays?: Nullable<number>;
}

export interface ServiceItemInput {
    code: string;
    name: string;
    department: string;
    window: string;
    kind: CaseKind;
    legalLimit?: Nullable<number>;
    promisedLimit?: Nullable<number>;
    limitUnit?: Nullable<LimitUnit>;
    fee: string;
    feeBasis?: Nullable<string>;
    legalBasis?: Nullable<string>;
    materials: string[];
    steps: string[];
    allowsToleranceAcceptance?: Nullable<boolean>;
    acceptanceDays?: Nullable<AcceptanceDaysInput>;
    supplementDeadline?: Nullable<SupplementDeadlineInput>;
    stepRules?: Nullable<StepRuleInput[]>;
}

export interface PublishServiceItemInput {
    commandId: string;
    item: ServiceItemInput;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface ComplaintSubjectInput {
    staffId?: Nullable<string>;
    window?: Nullable<string>;
    caseId?: Nullable<string>;
}

export interface ComplainantInput {
    name: string;
    phone?: Nullable<string>;
    idNumber?: Nullable<string>;
}

export interface FileComplaintInput {
    commandId: string;
    center?: Nullable<string>;
    channel: ComplaintChannel;
    about: ComplaintSubjectInput;
    complainant: ComplainantInput;
    matter: string;
    major?: Nullable<boolean>;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface AnswerComplaintInput {
    commandId: string;
    complaintId: string;
    form: AnswerForm;
    text: string;
}

export interface RecordComplaintFindingInput {
    commandId: string;
    complaintId: string;
    valid: boolean;
    cause: ComplaintCause;
    findings: string;
    staffId?: Nullable<string>;
    window?: Nullable<string>;
}

export interface EscalateComplaintInput {
    commandId: string;
    complaintId: string;
    reason: string;
}

export interface SuspendCaseInput {
    commandId: string;
    caseId: string;
    reason: SuspensionReason;
    detail?: Nullable<string>;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface ResumeCaseInput {
    commandId: string;
    caseId: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface RequestExtensionInput {
    commandId: string;
    caseId: string;
    workingDays: number;
    reason: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface DecideExtensionInput {
    commandId: string;
    caseId: string;
    reason: string;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface UrgeCaseInput {
    commandId: string;
    caseId: string;
    note: string;
    periodWorkingDays: number;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface DeadlineFilter {
    center?: Nullable<string>;
    window?: Nullable<string>;
    state?: Nullable<TimeLimitState>;
    includeFinished?: Nullable<boolean>;
}

export interface RatingAnswerInput {
    question: string;
    level: number;
}

export interface RateServiceInput {
    commandId: string;
    receiptNo: string;
    idNumberLast6: string;
    channel: RatingChannel;
    stage: RatingStage;
    level: number;
    answers: RatingAnswerInput[];
    comment?: Nullable<string>;
    named?: Nullable<boolean>;
}

export interface AdvanceBadRatingInput {
    commandId: string;
    ratingId: string;
    step: BadRatingStep;
    text: string;
    satisfied?: Nullable<boolean>;
}

export interface AppealRatingInput {
    commandId: string;
    ratingId: string;
    grounds: string;
}

export interface DecideRatingAppealInput {
    commandId: string;
    ratingId: string;
    setAside: boolean;
    reason: string;
}

export interface RecordConductInput {
    commandId: string;
    staffId: string;
    window: string;
    center?: Nullable<string>;
    code: string;
    severe?: Nullable<boolean>;
    occurredOn?: Nullable<Date>;
    evidence: string;
    caseId?: Nullable<string>;
    occurredAt?: Nullable<DateTime>;
    backfillReason?: Nullable<string>;
}

export interface AppealConductInput {
    commandId: string;
    lineId: string;
    grounds: string;
}

export interface DecideConductAppealInput {
    commandId: string;
    lineId: string;
    upheld: boolean;
    reason: string;
}

export interface AbPairInput {
    aPost: string;
    bPost: string;
}

export interface RegisterStaffInput {
    commandId: string;
    staffId: string;
    name: string;
    center?: Nullable<string>;
    window: string;
    active?: Nullable<boolean>;
}

export interface DefineWindowInput {
    commandId: string;
    center?: Nullable<string>;
    window: string;
    name: string;
    department: string;
    chiefRepresentative?: Nullable<string>;
    abPairs: AbPairInput[];
}

export interface CaseProgress {
    receiptNo: string;
    itemName?: Nullable<string>;
    status: CaseStatus;
    submittedAt: DateTime;
    acceptedAt?: Nullable<DateTime>;
    dueDate?: Nullable<Date>;
    completedAt?: Nullable<DateTime>;
    outcome?: Nullable<Outcome>;
    missingMaterials: string[];
    steps: ProgressStep[];
    invitedToRate: boolean;
}

export interface ProgressStep {
    type: string;
    occurredAt: DateTime;
}

export interface PersonalDataPayload {
    caseId: string;
    name: string;
    idNumber: string;
    phone?: Nullable<string>;
    readId: string;
    duplicate: boolean;
}

export interface PersonalDataRead {
    id: string;
    reader: Actor;
    caseId: string;
    receiptNo: string;
    center: string;
    reason: string;
    readAt: DateTime;
}

export interface PersonalDataReadEdge {
    cursor: string;
    node: PersonalDataRead;
}

export interface PersonalDataReadConnection {
    edges: PersonalDataReadEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface IQuery {
    caseProgress?: Nullable<CaseProgress>;
    personalDataReads: PersonalDataReadConnection;
    case?: Nullable<Case>;
    caseByReceiptNo?: Nullable<Case>;
    cases: CaseConnection;
    consultation?: Nullable<Consultation>;
    catalog: ServiceItem[];
    serviceItem?: Nullable<ServiceItem>;
    calendarStatus: CalendarStatus;
    complaint?: Nullable<Complaint>;
    complaints: ComplaintConnection;
    exchangeRecords?: Nullable<ExchangeRecords>;
    deadlines: CaseConnection;
    deadlineCounts: DeadlineCount[];
    oversightReads: OversightReadConnection;
    caseReplay?: Nullable<ReplayConnection>;
    centerReplay: ReplayConnection;
    rating?: Nullable<Rating>;
    ratings: RatingConnection;
    scoreSheet: ScoreSheet;
    windowScoreSheet: ScoreSheet;
    departmentScoreSheet: ScoreSheet;
    scoreboard: Scoreboard;
    kpis: KpiRow[];
    accountabilityFlags: AccountabilityFlag[];
    windows: Window[];
    staffMembers: StaffMember[];
}

export interface IMutation {
    revealPersonalData: PersonalDataPayload;
    submitCase: CasePayload;
    requestSupplement: CasePayload;
    receiveSupplement: CasePayload;
    acceptCase: CasePayload;
    rejectCase: CasePayload;
    recordStep: CasePayload;
    completeCase: CasePayload;
    deliverResult: CasePayload;
    withdrawCase: CasePayload;
    terminateCase: CasePayload;
    archiveCase: CasePayload;
    reassignCase: CasePayload;
    recordConsultation: ConsultationPayload;
    publishServiceItem: PublishServiceItemPayload;
    fileComplaint: ComplaintPayload;
    answerComplaint: ComplaintPayload;
    recordComplaintFinding: ComplaintPayload;
    escalateComplaint: ComplaintPayload;
    suspendCase: CasePayload;
    resumeCase: CasePayload;
    requestExtension: CasePayload;
    approveExtension: CasePayload;
    denyExtension: CasePayload;
    urgeCase: CasePayload;
    rateService: RatingPayload;
    advanceBadRating: RatingPayload;
    appealRating: RatingPayload;
    decideRatingAppeal: RatingPayload;
    recordConduct: ConductPayload;
    appealConduct: AppealPayload;
    decideConductAppeal: AppealPayload;
    registerStaff: RegisterStaffPayload;
    defineWindow: DefineWindowPayload;
}

export interface Applicant {
    kind: ApplicantKind;
    name: string;
    idNumber: string;
    phone?: Nullable<string>;
}

export interface TimeLimit {
    startDate: Date;
    dueDate: Date;
    limit: number;
    unit: LimitUnit;
    basis: LimitBasis;
    provisional: boolean;
    onTime?: Nullable<boolean>;
    state: TimeLimitState;
    clockStartBasis?: Nullable<ClockStartBasis>;
    originalDueDate: Date;
    workingDaysUsed: number;
    workingDaysRemaining: number;
    suspended: boolean;
    suspensions: Suspension[];
    extensions: Extension[];
    pendingExtension?: Nullable<PendingExtension>;
    urgings: Urging[];
    withinFirstUrgingPeriod?: Nullable<boolean>;
    runningStep?: Nullable<string>;
    runningStepSince?: Nullable<Date>;
    stepsOverdue: string[];
}

export interface Delivery {
    method: DeliveryMethod;
    recipient: string;
    deliveredAt: DateTime;
}

export interface CaseHistoryEntry {
    position: string;
    revision: number;
    type: string;
    occurredAt: DateTime;
    recordedAt: DateTime;
    backfilled: boolean;
    backfillReason?: Nullable<string>;
    actor: Actor;
    commandId: string;
    data: JSON;
}

export interface Case {
    id: string;
    asOf?: Nullable<DateTime>;
    receiptNo: string;
    status: CaseStatus;
    center: string;
    window: string;
    itemCode: string;
    itemVersion: number;
    itemName?: Nullable<string>;
    kind: CaseKind;
    channel: Channel;
    applicant: Applicant;
    materials: string[];
    handler?: Nullable<string>;
    coverFor?: Nullable<string>;
    supplementNotices: number;
    applicantDue?: Nullable<Date>;
    submittedAt: DateTime;
    acceptedAt?: Nullable<DateTime>;
    completedAt?: Nullable<DateTime>;
    outcome?: Nullable<Outcome>;
    closingReason?: Nullable<string>;
    closedAt?: Nullable<DateTime>;
    delivery?: Nullable<Delivery>;
    timeLimit?: Nullable<TimeLimit>;
    history: CaseHistoryEntry[];
}

export interface CaseEdge {
    cursor: string;
    node: Case;
}

export interface CaseConnection {
    edges: CaseEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface CasePayload {
    case: Case;
    position: string;
    duplicate: boolean;
}

export interface Consultation {
    id: string;
    officer: Actor;
    center?: Nullable<string>;
    window?: Nullable<string>;
    visitorName: string;
    visitorPhone?: Nullable<string>;
    topic: string;
    itemCode?: Nullable<string>;
    routedTo?: Nullable<string>;
    notes?: Nullable<string>;
    occurredAt: DateTime;
    recordedAt: DateTime;
    backfilled: boolean;
}

export interface ConsultationPayload {
    consultation: Consultation;
    duplicate: boolean;
}

export interface ServiceItem {
    code: string;
    version: number;
    name: string;
    department: string;
    window: string;
    kind: CaseKind;
    legalLimit?: Nullable<number>;
    promisedLimit?: Nullable<number>;
    limitUnit: LimitUnit;
    fee: string;
    feeBasis?: Nullable<string>;
    legalBasis?: Nullable<string>;
    materials: string[];
    steps: string[];
    allowsToleranceAcceptance: boolean;
    acceptanceDays?: Nullable<AcceptanceDays>;
    supplementDeadline?: Nullable<SupplementDeadline>;
    stepRules: StepRule[];
    publishedAt: DateTime;
}

export interface AcceptanceDays {
    from: number;
    to: number;
}

export interface SupplementDeadline {
    days: number;
    unit: LimitUnit;
}

export interface StepRule {
    step: string;
    limitWorkingDays?: Nullable<number>;
    minimumDays?: Nullable<number>;
}

export interface PublishServiceItemPayload {
    item: ServiceItem;
    changed: boolean;
    duplicate: boolean;
}

export interface Actor {
    id: string;
    role: string;
    center?: Nullable<string>;
    window?: Nullable<string>;
    onBehalfOf?: Nullable<string>;
}

export interface PageInfo {
    hasNextPage: boolean;
    endCursor?: Nullable<string>;
}

export interface CalendarStatus {
    coveredYears: number[];
    warnings: string[];
}

export interface ComplaintSubject {
    staffId?: Nullable<string>;
    window?: Nullable<string>;
    caseId?: Nullable<string>;
}

export interface Complainant {
    name: string;
    phone?: Nullable<string>;
    idNumber?: Nullable<string>;
}

export interface ComplaintAnswer {
    form: AnswerForm;
    text: string;
    answeredOn: Date;
    onTime: boolean;
}

export interface ComplaintEscalation {
    basis: EscalationBasis;
    reason?: Nullable<string>;
    to: EscalatedTo[];
    escalatedOn: Date;
    escalatedAt: DateTime;
}

export interface ComplaintFinding {
    valid: boolean;
    cause: ComplaintCause;
    findings: string;
    staffId?: Nullable<string>;
}

export interface Complaint {
    id: string;
    status: ComplaintStatus;
    center: string;
    channel: ComplaintChannel;
    about: ComplaintSubject;
    complainant?: Nullable<Complainant>;
    matter: string;
    major: boolean;
    filedOn: Date;
    filedAt: DateTime;
    answerDue: Date;
    answerOverdue: boolean;
    answerOverdueRecordedOn?: Nullable<Date>;
    answer?: Nullable<ComplaintAnswer>;
    finding?: Nullable<ComplaintFinding>;
    escalation?: Nullable<ComplaintEscalation>;
}

export interface ComplaintEdge {
    cursor: string;
    node: Complaint;
}

export interface ComplaintConnection {
    edges: ComplaintEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface ComplaintPayload {
    complaint: Complaint;
    duplicate: boolean;
}

export interface ExchangeRecords {
    caseId: string;
    acceptance?: Nullable<AcceptanceRecord>;
    steps: StepRecord[];
    specialProcedures: SpecialProcedureRecord[];
    completion?: Nullable<CompletionRecord>;
    evaluations: EvaluationRecord[];
    supervision: SupervisionRecord[];
}

export interface AcceptanceRecord {
    caseNo: string;
    itemCode: string;
    itemName: string;
    acceptingUnit: string;
    department: string;
    acceptedBy: string;
    acceptedAt: string;
    promisedBy: string;
    caseTypeCode: string;
    caseKind: CaseKind;
}

export interface StepRecord {
    action: string;
    step: string;
    handledBy: string;
    opinion: string;
    startedAt: string;
    endedAt: string;
    status: number;
    late: boolean;
}

export interface SpecialProcedureRecord {
    kind: number;
    name: string;
    startedAt: string;
    endedAt?: Nullable<string>;
    reason: string;
    result?: Nullable<string>;
}

export interface CompletionRecord {
    completedAt: string;
    result: string;
    completedBy: string;
    onTime: boolean;
    deliveredAt?: Nullable<string>;
    deliveryMethod?: Nullable<string>;
}

export interface EvaluationRecord {
    satisfaction: number;
    channel: string;
    stage: string;
    ratedAt: string;
    setAside: boolean;
}

export interface SupervisionRecord {
    content: string;
    ruleCode: string;
    warningType: string;
    occurredAt: string;
    result: string;
    responsibleDepartment: string;
}

export interface LiveEvent {
    position: string;
    stream: string;
    caseId?: Nullable<string>;
    type: string;
    occurredAt: DateTime;
    recordedAt: DateTime;
    backfilled: boolean;
    actor: Actor;
    data: JSON;
}

export interface DeadlineAlert {
    position: string;
    level: AlertLevel;
    caseId: string;
    receiptNo: string;
    center: string;
    window: string;
    itemCode: string;
    handler?: Nullable<string>;
    dueDate: Date;
    workingDaysRemaining: number;
    occurredAt: DateTime;
}

export interface ISubscription {
    caseEvents: LiveEvent;
    centerEvents: LiveEvent;
    deadlineAlerts: DeadlineAlert;
    scoreboard: Scoreboard;
    supervisionAlerts: SupervisionAlert;
}

export interface SupervisionAlert {
    position: string;
    kind: SupervisionAlertKind;
    center: string;
    complaintId?: Nullable<string>;
    ratingId?: Nullable<string>;
    caseId?: Nullable<string>;
    window?: Nullable<string>;
    staffId?: Nullable<string>;
    dueDate?: Nullable<Date>;
    occurredAt: DateTime;
}

export interface Suspension {
    reason: SuspensionReason;
    detail?: Nullable<string>;
    from: Date;
    to?: Nullable<Date>;
    workingDaysLeftOut?: Nullable<number>;
}

export interface Extension {
    workingDays: number;
    reason: string;
    previousDueDate: Date;
    dueDate: Date;
    approvedAt: DateTime;
}

export interface PendingExtension {
    workingDays: number;
    reason: string;
    requestedAt: DateTime;
}

export interface Urging {
    note: string;
    periodWorkingDays: number;
    urgedOn: Date;
    periodEndsOn: Date;
}

export interface DeadlineCount {
    window: string;
    state: TimeLimitState;
    count: number;
}

export interface OversightRead {
    id: string;
    userId: string;
    operation: string;
    arguments: JSON;
    readAt: DateTime;
    position: string;
}

export interface OversightReadEdge {
    cursor: string;
    node: OversightRead;
}

export interface OversightReadConnection {
    edges: OversightReadEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface ReplayEdge {
    cursor: string;
    node: LiveEvent;
}

export interface ReplayConnection {
    edges: ReplayEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface RatingAnswer {
    question: string;
    level: number;
}

export interface BadRatingLoop {
    step?: Nullable<BadRatingStep>;
    rectifyDue?: Nullable<Date>;
    rectifyOverdue: boolean;
    overdueOn?: Nullable<Date>;
    rectifiedOnTime?: Nullable<boolean>;
    recheckSatisfied?: Nullable<boolean>;
}

export interface RatingAppeal {
    status: RatingAppealStatus;
    grounds: string;
    reason?: Nullable<string>;
}

export interface Rating {
    id: string;
    caseId: string;
    center: string;
    window: string;
    staffId?: Nullable<string>;
    channel: RatingChannel;
    stage: RatingStage;
    level: number;
    answers: RatingAnswer[];
    comment?: Nullable<string>;
    named: boolean;
    bad: boolean;
    returnVisitRequired: boolean;
    ratedOn: Date;
    loop?: Nullable<BadRatingLoop>;
    appeal?: Nullable<RatingAppeal>;
    setAside: boolean;
}

export interface RatingEdge {
    cursor: string;
    node: Rating;
}

export interface RatingConnection {
    edges: RatingEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface RatingPayload {
    rating: Rating;
    duplicate: boolean;
}

export interface Evidence {
    stream: string;
    position: string;
    type: string;
    occurredAt: DateTime;
}

export interface ScoreLineAppeal {
    status: AppealStatus;
    grounds: string;
    reason?: Nullable<string>;
}

export interface ScoreLine {
    id: string;
    code: string;
    name: string;
    points: number;
    occurredOn: Date;
    ruleVersion: number;
    source: ScoreLineSource;
    staffId: string;
    caseId?: Nullable<string>;
    note?: Nullable<string>;
    evidence: Evidence[];
    appeal?: Nullable<ScoreLineAppeal>;
    restores?: Nullable<string>;
}

export interface ScoreSheet {
    subject: string;
    center: string;
    asOf?: Nullable<DateTime>;
    period: string;
    ruleVersion: number;
    base: number;
    cap?: Nullable<number>;
    deductions: number;
    bonuses: number;
    restored: number;
    total: number;
    grade?: Nullable<string>;
    stars: number;
    lines: ScoreLine[];
}

export interface ScoreboardEntry {
    subject: string;
    total: number;
    grade?: Nullable<string>;
    stars: number;
    rank: number;
    excellent: boolean;
    redFlag: boolean;
    lastPlaceStreak: number;
    notice?: Nullable<LastPlaceNotice>;
}

export interface Scoreboard {
    center: string;
    period: string;
    asOf?: Nullable<DateTime>;
    ruleVersion: number;
    windows: ScoreboardEntry[];
    staff: ScoreboardEntry[];
}

export interface ConductPayload {
    lineId: string;
    duplicate: boolean;
}

export interface AppealPayload {
    lineId: string;
    status: AppealStatus;
    duplicate: boolean;
}

export interface KpiRow {
    key: string;
    received: number;
    accepted: number;
    completed: number;
    completionRate?: Nullable<number>;
    onTimeRate?: Nullable<number>;
    overdue: number;
    openWarnings?: Nullable<number>;
    averageWorkingDaysUsed?: Nullable<number>;
    averagePromisedWorkingDays?: Nullable<number>;
    satisfactionRate?: Nullable<number>;
    ratings: number;
    complaints: number;
    validComplaints: number;
}

export interface AccountabilityFlag {
    staffId: string;
    window?: Nullable<string>;
    level: AccountabilityLevel;
    reason: string;
    caseIds: string[];
    complaintIds: string[];
}

export interface AbPair {
    aPost: string;
    bPost: string;
}

export interface Window {
    center: string;
    window: string;
    name: string;
    department: string;
    chiefRepresentative?: Nullable<string>;
    abPairs: AbPair[];
}

export interface StaffMember {
    staffId: string;
    name: string;
    center: string;
    window: string;
    active: boolean;
}

export interface RegisterStaffPayload {
    staff: StaffMember;
    changed: boolean;
    duplicate: boolean;
}

export interface DefineWindowPayload {
    window: Window;
    changed: boolean;
    duplicate: boolean;
}

export type DateTime = string;
export type JSON = unknown;
type Nullable<T> = T | null;
