import fc from 'fast-check';
import { specFor } from '../../../../test/support/given-when-then';
import { addDays } from '../../../core/dates';
import { ItemSnapshot } from '../../catalog/domain';
import { mergeStops, WorkingCalendar, workingDaysStopped } from '../../time-limits/domain';
import { CaseCommand, createCaseDecider } from './case.decide';
import { CaseEvent } from './case.events';

// Weekends only; 2024-06-03 is a Monday. Business times are in UTC: 01:00Z is 09:00 China time.
const calendar = new WorkingCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [2024] });
const given = specFor(createCaseDecider({ calendar }));
const at = (day: string, time = '01:00:00') => `2024-06-${day}T${time}.000Z`;
const caseId = 'j-1';

const participants = [
  { window: 'social-security', department: '人社', reviewLimit: 5, required: true },
  { window: 'medical-insurance', department: '医保', reviewLimit: 5, required: true },
  { window: 'tax', department: '税务', reviewLimit: 5, required: true },
];
const item: ItemSnapshot = {
  code: 'QY-KB-001',
  version: 1,
  name: '企业开办',
  department: '市场监管',
  window: 'enterprise-services',
  kind: 'joint',
  promisedLimit: 20,
  limitUnit: 'working_days',
  fee: '0',
  materials: ['企业登记申请书'],
  steps: [],
  allowsToleranceAcceptance: false,
  participants,
};

const submitted: CaseEvent = {
  type: 'CaseSubmitted',
  data: {
    caseId,
    receiptNo: 'C1-20240603-0001',
    center: 'c1',
    itemCode: item.code,
    itemVersion: 1,
    kind: 'joint',
    window: 'enterprise-services',
    applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
    channel: 'WINDOW',
    materials: ['企业登记申请书'],
    receivedOn: '2024-06-03',
    supplementNoticeDue: '2024-06-10',
    submittedAt: at('03'),
  },
};
const accepted: CaseEvent = {
  type: 'CaseAccepted',
  data: {
    caseId,
    item,
    timeLimit: {
      startDate: '2024-06-03',
      dueDate: '2024-07-01',
      limit: 20,
      unit: 'working_days',
      basis: 'promised',
      provisional: false,
    },
    handler: 'lead-a',
    toleranceMaterials: [],
    clockStartBasis: 'ACCEPTANCE',
    acceptedAt: at('03', '02:00:00'),
  },
};
const notified: CaseEvent = {
  type: 'ParticipantsNotified',
  data: {
    caseId,
    participants: participants.map((p) => ({ ...p, dueDate: '2024-06-10' })),
    notifiedOn: '2024-06-03',
    fromCatalog: true,
    reason: null,
    notifiedAt: at('03', '02:00:00'),
  },
};
const running = [submitted, accepted, notified];

const cmd = <T extends CaseCommand['type']>(type: T, data: Omit<Extract<CaseCommand, { type: T }>['data'], 'occurredAt'>, day: string) =>
  ({ type, data: { ...data, occurredAt: at(day) } }) as unknown as Extract<CaseCommand, { type: T }>;
const opinion = (window: string | null, day: string, extra: Partial<Extract<CaseCommand, { type: 'RecordOpinion' }>['data']> = {}) =>
  cmd('RecordOpinion', { window, staffId: `${window}-staff`, opinion: 'AGREE', reasons: null, conditions: [], ...extra }, day);
const agreed = (window: string, day: string, extra: Record<string, unknown> = {}): CaseEvent => ({
  type: 'OpinionRecorded',
  data: {
    caseId,
    window,
    department: participants.find((p) => p.window === window)!.department,
    opinion: 'AGREE',
    reasons: null,
    conditions: [],
    recordedBy: `${window}-staff`,
    reviewLimit: 5,
    dueDate: '2024-06-10',
    workingDaysUsed: 0,
    workingDaysOver: 0,
    late: false,
    recordedAt: at(day),
    ...extra,
  },
});
const complete = (day: string) => cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, day);
const check = (day: string) => cmd('CheckDeadline', { today: `2024-06-${day}` }, day);

describe('joint cases (联办件): participants, their reviews and opinions', () => {
  describe('acceptance tells the participants (抄告相关)', () => {
    const accept = (extra: Record<string, unknown> = {}) =>
      cmd('AcceptCase', { item, staffId: 'lead-a', toleranceMaterials: [], ...extra }, '03');

    it("names the item's participants, each due its own limit of working days after today", () =>
      given([submitted])
        .when({ ...accept(), data: { ...accept().data, occurredAt: at('03', '02:00:00') } })
        .then([accepted, notified]));

    it('takes other participants only with a reason, and records that they differ', () => {
      const others = [participants[0], { window: 'forestry', department: '林业', reviewLimit: 3, required: false }];
      given([submitted])
        .when(accept({ participants: others }))
        .thenThrows('VALIDATION.FAILED', {
          issues: [{ field: 'participantsReason', message: expect.any(String) }],
        });
      given([submitted])
        .when(accept({ participants: others, participantsReason: '涉及林地，增加林业会签' }))
        .then((events) =>
          expect(events[1].data).toMatchObject({
            fromCatalog: false,
            reason: '涉及林地，增加林业会签',
            participants: [
              { window: 'social-security', dueDate: '2024-06-10' },
              { window: 'forestry', reviewLimit: 3, required: false, dueDate: '2024-06-06' },
            ],
          }),
        );
      // The same participants named in another order are still the item's.
      given([submitted])
        .when(accept({ participants: [...participants].reverse() }))
        .then((events) => expect(events[1].data).toMatchObject({ fromCatalog: true, reason: null }));
    });

    it('refuses fewer than two participants, the lead window among them, one named twice, a bad limit', () => {
      const reason = { participantsReason: '调整' };
      given([submitted])
        .when(accept({ participants: [participants[0]], ...reason }))
        .thenThrows('VALIDATION.FAILED');
      given([submitted])
        .when(accept({ participants: [participants[0], { ...participants[1], window: 'enterprise-services' }], ...reason }))
        .thenThrows('VALIDATION.FAILED', { issues: [{ field: 'participants.1.window', message: expect.stringMatching(/lead window/) }] });
      given([submitted])
        .when(accept({ participants: [participants[0], participants[0]], ...reason }))
        .thenThrows('VALIDATION.FAILED');
      given([submitted])
        .when(accept({ participants: [participants[0], { ...participants[1], reviewLimit: 0 }], ...reason }))
        .thenThrows('VALIDATION.FAILED', { issues: [{ field: 'participants.1.reviewLimit', message: expect.any(String) }] });
    });

    it('refuses participants on a case that is not joint', () =>
      given([{ ...submitted, data: { ...submitted.data, kind: 'promised' } } as CaseEvent])
        .when(accept({ item: { ...item, kind: 'promised', participants: undefined }, participants }))
        .thenThrows('VALIDATION.FAILED', { issues: [{ field: 'participants', message: expect.any(String) }] }));

    it('accepts a joint item published without participants as before: the lead alone', () =>
      given([submitted])
        .when(accept({ item: { ...item, participants: undefined } }))
        .then((events) => expect(events.map((e) => e.type)).toEqual(['CaseAccepted'])));
  });

  describe('opinions (会签意见)', () => {
    it('records a participant’s opinion with the working days its review took', () =>
      given(running)
        .when(opinion('tax', '06'))
        .then([agreed('tax', '06', { workingDaysUsed: 3 })]));

    it('marks an opinion after the due date late, by how many working days', () =>
      given(running)
        .when(opinion('tax', '12'))
        .then([agreed('tax', '12', { workingDaysUsed: 7, workingDaysOver: 2, late: true })]));

    it('takes a disagreement only with its reasons, a conditional opinion only with its conditions', () => {
      given(running)
        .when(opinion('tax', '06', { opinion: 'DISAGREE' }))
        .thenThrows('VALIDATION.FAILED');
      given(running)
        .when(opinion('tax', '06', { opinion: 'CONDITIONAL' }))
        .thenThrows('VALIDATION.FAILED');
      given(running)
        .when(opinion('tax', '06', { opinion: 'CONDITIONAL', conditions: [' 补交完税证明 '] }))
        .then((events) => expect(events[0].data).toMatchObject({ opinion: 'CONDITIONAL', conditions: ['补交完税证明'] }));
    });

    it('refuses an opinion from a window that is not a participant, or from no window', () => {
      given(running)
        .when(opinion('forestry', '06'))
        .thenThrows('CASE.NOT_A_PARTICIPANT', {
          participants: ['social-security', 'medical-insurance', 'tax'],
        });
      given(running).when(opinion('enterprise-services', '06')).thenThrows('CASE.NOT_A_PARTICIPANT');
      given(running).when(opinion(null, '06')).thenThrows('CASE.NOT_A_PARTICIPANT');
    });

    it('refuses a second opinion from the same participant', () =>
      given([...running, agreed('tax', '05')])
        .when(opinion('tax', '06', { opinion: 'DISAGREE', reasons: '改变主意' }))
        .thenThrows('CASE.OPINION_ALREADY_RECORDED', { window: 'tax', opinion: 'AGREE' }));

    it('refuses an opinion on a case that is not joint, and on a closed one', () => {
      given([submitted, accepted]).when(opinion('tax', '06')).thenThrows('CASE.NOT_JOINT');
      const all = ['social-security', 'medical-insurance', 'tax'].map((w) => agreed(w, '05'));
      given([...running, ...all.slice(0, 2), { ...all[2] }])
        .when(complete('06'))
        .then((events) => expect(events.map((e) => e.type)).toEqual(['CaseCompleted']));
      const completed = {
        type: 'CaseCompleted',
        data: {
          caseId,
          outcome: 'APPROVED',
          reason: null,
          dueDate: '2024-07-01',
          onTime: true,
          withinFirstUrgingPeriod: null,
          completedAt: at('06'),
        },
      } as CaseEvent;
      given([...running, ...all.slice(0, 2), completed])
        .when(opinion('tax', '07'))
        .thenThrows('CASE.CLOSED');
    });
  });

  describe('completion waits for every required opinion', () => {
    it('refuses to complete while opinions are owed, naming who owes them', () =>
      given([...running, agreed('tax', '05')])
        .when(complete('06'))
        .thenThrows('CASE.OPINIONS_OUTSTANDING', { windows: ['social-security', 'medical-insurance'] }));

    it('does not wait for a participant only asked for advice', () => {
      const advisory: CaseEvent = {
        ...notified,
        data: {
          ...(notified.data as object),
          participants: [
            ...(notified.data as { participants: object[] }).participants.slice(0, 2),
            { ...participants[2], required: false, dueDate: '2024-06-10' },
          ],
        },
      } as CaseEvent;
      given([submitted, accepted, advisory, agreed('social-security', '05'), agreed('medical-insurance', '05')])
        .when(complete('06'))
        .then((events) => expect(events.map((e) => e.type)).toEqual(['CaseCompleted']));
    });

    it('completes after the center leader waived, with a reason, the opinions still owed', () => {
      const waived: CaseEvent = {
        type: 'OpinionsWaived',
        data: { caseId, windows: ['social-security', 'medical-insurance'], reason: '逾期未复，经中心主任批准先行办结', waivedAt: at('11') },
      };
      given([...running, agreed('tax', '05')])
        .when(cmd('WaiveOpinions', { reason: ' 逾期未复，经中心主任批准先行办结 ' }, '11'))
        .then([waived]);
      given([...running, agreed('tax', '05'), waived])
        .when(complete('12'))
        .then((events) => expect(events.map((e) => e.type)).toEqual(['CaseCompleted']));
      given([...running, agreed('tax', '05'), waived])
        .when(cmd('WaiveOpinions', { reason: '再次' }, '12'))
        .thenThrows('CASE.NO_OUTSTANDING_OPINIONS');
      given([...running])
        .when(cmd('WaiveOpinions', { reason: ' ' }, '12'))
        .thenThrows('VALIDATION.FAILED');
      given([submitted, accepted])
        .when(cmd('WaiveOpinions', { reason: '无' }, '12'))
        .thenThrows('CASE.NOT_JOINT');
    });
  });

  describe('joint review meetings and site surveys (联合会审, 现场踏勘)', () => {
    const meeting = (day: string, extra: Record<string, unknown> = {}) =>
      cmd(
        'RecordJointReview',
        {
          kind: 'MEETING',
          attendees: [
            { name: ' 王科长 ', unit: '人社' },
            { name: '李科长', unit: '医保' },
          ],
          location: '三楼会议室',
          minutes: ' 同意并联办理，税务意见待补 ',
          ...extra,
        },
        day,
      );

    it('records who attended, where, and the minutes', () =>
      given(running)
        .when(meeting('05'))
        .then([
          {
            type: 'JointReviewHeld',
            data: {
              caseId,
              kind: 'MEETING',
              attendees: [
                { name: '王科长', unit: '人社' },
                { name: '李科长', unit: '医保' },
              ],
              location: '三楼会议室',
              minutes: '同意并联办理，税务意见待补',
              heldAt: at('05'),
            },
          },
        ]));

    it('ends the expert review or hearing the clock stood still for, so its days are left out; not another stop', () => {
      const stopped = (reason: string, detail: string | null): CaseEvent =>
        ({
          type: 'CaseSuspended',
          data: { caseId, reason, detail, fromDate: '2024-06-04', sentUpLate: null, suspendedAt: at('04') },
        }) as CaseEvent;
      given([...running, stopped('STATUTORY_PROCEDURE', 'expert_review')])
        .when(meeting('06'))
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['CaseResumed', 'JointReviewHeld']);
          expect(events[0].data).toMatchObject({ workingDaysLeftOut: 2, dueDate: '2024-07-03' });
        });
      given([...running, stopped('APPLICANT_REQUEST', null)])
        .when(meeting('06'))
        .then((events) => expect(events.map((e) => e.type)).toEqual(['JointReviewHeld']));
    });

    it('refuses a record without attendees or minutes, or of another kind', () => {
      given(running)
        .when(meeting('05', { attendees: [] }))
        .thenThrows('VALIDATION.FAILED', {
          issues: [{ field: 'attendees', message: expect.any(String) }],
        });
      given(running)
        .when(meeting('05', { minutes: ' ' }))
        .thenThrows('VALIDATION.FAILED');
      given(running)
        .when(meeting('05', { kind: 'PARTY' }))
        .thenThrows('VALIDATION.FAILED');
      given([submitted]).when(meeting('05')).thenThrows('CASE.NOT_ACCEPTED');
    });
  });

  describe('a late joint case records where the delay was', () => {
    const completeOn = (day: string) =>
      ({ type: 'CompleteCase', data: { outcome: 'APPROVED', reason: null, occurredAt: `2024-07-${day}T08:00:00.000Z` } }) as CaseCommand;

    it('names each review that overran its limit, by how much and who answered', () =>
      given([
        ...running,
        agreed('social-security', '05'),
        agreed('medical-insurance', '05'),
        agreed('tax', '12', { workingDaysUsed: 7, workingDaysOver: 2, late: true }),
      ])
        .when(completeOn('02'))
        .then((events) =>
          expect(events[0].data).toMatchObject({
            onTime: false,
            workingDaysOver: 1,
            delays: [{ window: 'tax', department: '税务', workingDaysOver: 2, reviewer: 'tax-staff' }],
          }),
        ));

    it('counts a review never answered (waived) by how far past its due date it stands, with nobody who answered', () =>
      given([
        ...running,
        agreed('social-security', '05'),
        agreed('medical-insurance', '05'),
        { type: 'OpinionsWaived', data: { caseId, windows: ['tax'], reason: '逾期未复', waivedAt: at('28') } },
      ])
        .when(completeOn('02'))
        .then((events) =>
          expect((events[0].data as { delays: unknown[] }).delays).toEqual([
            { window: 'tax', department: '税务', workingDaysOver: 16, reviewer: null },
          ]),
        ));

    it('says nothing of delays when the case is on time, however late a review was', () =>
      given([
        ...running,
        agreed('social-security', '05'),
        agreed('medical-insurance', '05'),
        agreed('tax', '12', { workingDaysOver: 2, late: true }),
      ])
        .when(completeOn('01'))
        .then((events) => expect(events[0].data).not.toHaveProperty('delays')));
  });

  describe("each review's own clock", () => {
    const suspendedReview: CaseEvent = {
      type: 'ReviewSuspended',
      data: {
        caseId,
        window: 'tax',
        reason: 'STATUTORY_PROCEDURE',
        detail: 'expert_review',
        fromDate: '2024-06-04',
        suspendedAt: at('04'),
      },
    };

    it('stops for its own statutory procedure, and its due date moves by the working days left out', () => {
      given(running)
        .when(cmd('SuspendReview', { window: 'tax', reason: 'STATUTORY_PROCEDURE', detail: 'expert_review' }, '04'))
        .then([suspendedReview]);
      // Stopped at the end of Tuesday, started again after Thursday: Wednesday and Thursday left out.
      given([...running, suspendedReview])
        .when(cmd('ResumeReview', { window: 'tax' }, '06'))
        .then([
          {
            type: 'ReviewResumed',
            data: {
              caseId,
              window: 'tax',
              fromDate: '2024-06-04',
              toDate: '2024-06-06',
              previousDueDate: '2024-06-10',
              dueDate: '2024-06-12',
              resumedAt: at('06'),
            },
          },
        ]);
    });

    it('ends its own suspension first when its opinion comes, and is then in time on the moved date', () =>
      given([...running, suspendedReview])
        .when(opinion('tax', '12'))
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['ReviewResumed', 'OpinionRecorded']);
          // Left out: the working days after Tuesday up to and including the day it ends (rule 10), six of them.
          expect(events[1].data).toMatchObject({ dueDate: '2024-06-18', late: false, workingDaysUsed: 1 });
        }));

    it('refuses a second suspension, a resumption of a running review, a suspension after its due date, an unnamed procedure', () => {
      given([...running, suspendedReview])
        .when(cmd('SuspendReview', { window: 'tax', reason: 'APPLICANT_REQUEST', detail: null }, '05'))
        .thenThrows('CASE.REVIEW_ALREADY_SUSPENDED');
      given(running)
        .when(cmd('ResumeReview', { window: 'tax' }, '05'))
        .thenThrows('CASE.REVIEW_NOT_SUSPENDED');
      given(running)
        .when(cmd('SuspendReview', { window: 'tax', reason: 'APPLICANT_REQUEST', detail: null }, '11'))
        .thenThrows('CASE.REVIEW_PAST_DUE_DATE', { dueDate: '2024-06-10' });
      given(running)
        .when(cmd('SuspendReview', { window: 'tax', reason: 'STATUTORY_PROCEDURE', detail: '开会' }, '05'))
        .thenThrows('VALIDATION.FAILED');
      given([...running, agreed('tax', '05')])
        .when(cmd('SuspendReview', { window: 'tax', reason: 'APPLICANT_REQUEST', detail: null }, '06'))
        .thenThrows('CASE.OPINION_ALREADY_RECORDED');
    });

    it('stands still while the whole case does: the open reviews move with the case, answered ones do not', () => {
      const caseSuspended: CaseEvent = {
        type: 'CaseSuspended',
        data: {
          caseId,
          reason: 'APPLICANT_REQUEST',
          detail: '申请人要求暂缓',
          fromDate: '2024-06-04',
          sentUpLate: null,
          suspendedAt: at('04'),
        },
      };
      given([...running, agreed('tax', '04'), caseSuspended])
        .when(cmd('ResumeCase', {}, '06'))
        .then((events) =>
          expect(events[0].data).toMatchObject({
            dueDate: '2024-07-03',
            reviewDueDates: { 'social-security': '2024-06-12', 'medical-insurance': '2024-06-12' },
          }),
        );
    });

    it('leaves a day out once when its own suspension and the case’s overlap', () => {
      const caseSuspended: CaseEvent = {
        type: 'CaseSuspended',
        data: { caseId, reason: 'APPLICANT_REQUEST', detail: null, fromDate: '2024-06-05', sentUpLate: null, suspendedAt: at('05') },
      };
      // The tax review stopped Tuesday; the case Wednesday to Thursday; the tax review again on Friday.
      let afterCase: CaseEvent | undefined;
      given([...running, suspendedReview, caseSuspended])
        .when(cmd('ResumeCase', {}, '06'))
        .then((events) => {
          afterCase = events[0];
          // The others stood still one working day (Thursday); tax's running stop is counted when it ends.
          expect(afterCase.data).toMatchObject({
            reviewDueDates: { 'social-security': '2024-06-11', 'medical-insurance': '2024-06-11', tax: '2024-06-11' },
          });
        });
      given([...running, suspendedReview, caseSuspended, afterCase!])
        .when(cmd('ResumeReview', { window: 'tax' }, '07'))
        .then((events) => expect(events[0].data).toMatchObject({ previousDueDate: '2024-06-11', dueDate: '2024-06-13' }));
    });
  });

  describe("the deadline watcher's warnings for each review", () => {
    it('warns a review by the yellow rule on its own limit, one review at a time, then the next', () => {
      const yellow = (window: string): CaseEvent => ({
        type: 'ReviewWarningIssued',
        data: { caseId, window, dueDate: '2024-06-10', workingDaysUsed: 3, workingDaysRemaining: 2, issuedOn: '2024-06-06' },
      });
      given(running).when(check('05')).then([]);
      given(running)
        .when(check('06'))
        .then([yellow('social-security')]);
      given([...running, yellow('social-security')])
        .when(check('06'))
        .then([yellow('medical-insurance')]);
      given([...running, yellow('social-security'), agreed('medical-insurance', '06')])
        .when(check('06'))
        .then([yellow('tax')]);
    });

    it('red-cards a review past its due date once, and says nothing of a suspended or answered one', () => {
      const red = (window: string): CaseEvent => ({
        type: 'ReviewOverdue',
        data: { caseId, window, dueDate: '2024-06-10', breachedOn: '2024-06-11', workingDaysOver: 1 },
      });
      given([...running, agreed('social-security', '05'), agreed('medical-insurance', '05')])
        .when(check('11'))
        .then([red('tax')]);
      const suspended: CaseEvent = {
        type: 'ReviewSuspended',
        data: { caseId, window: 'tax', reason: 'APPLICANT_REQUEST', detail: null, fromDate: '2024-06-10', suspendedAt: at('10') },
      };
      // The case's own clock (20 days) is far from yellow: nothing else to say.
      given([...running, agreed('social-security', '05'), agreed('medical-insurance', '05'), suspended])
        .when(check('11'))
        .then([]);
      given([...running, agreed('social-security', '05'), agreed('medical-insurance', '05'), red('tax')])
        .when(check('12'))
        .then([]);
    });

    it('says nothing of the reviews while the whole case stands still', () =>
      given([
        ...running,
        {
          type: 'CaseSuspended',
          data: { caseId, reason: 'APPLICANT_REQUEST', detail: null, fromDate: '2024-06-04', sentUpLate: null, suspendedAt: at('04') },
        },
      ])
        .when(check('11'))
        .then([]));
  });
});

describe('stops that overlap (rule 10, each day left out once)', () => {
  const day = (n: number) => addDays('2024-01-01', n);
  it('leaves out exactly the working days some stop covers, whatever their order and overlap', () =>
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 })), { maxLength: 6 }), (spans) => {
        const stops = spans.map(([from, length]) => ({ fromDate: day(from), toDate: day(from + length) }));
        // Rule 10: a stop from S to E leaves out the days after S up to and including E.
        const covered = new Set<string>();
        for (const [from, length] of spans)
          for (let d = from + 1; d <= from + length; d++) if (calendar.isWorkingDay(day(d))) covered.add(day(d));
        expect(workingDaysStopped(stops, calendar)).toBe(covered.size);
        const merged = mergeStops(stops);
        merged.forEach((s, i) => i > 0 && expect(s.fromDate > merged[i - 1].toDate).toBe(true));
      }),
    ));
});
