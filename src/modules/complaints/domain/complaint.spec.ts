import { specFor } from '../../../../test/support/given-when-then';
import { buildCalendar } from '../../time-limits';
import { ComplaintCause, ComplaintCommand, ComplaintFiled, answerDueOn, complaintDecider, complaintSubjects } from './complaint.decider';

const filed = (overrides: Partial<ComplaintFiled['data']> = {}): ComplaintFiled => ({
  type: 'ComplaintFiled',
  data: {
    complaintId: 'k1',
    center: 'c1',
    channel: 'PHONE',
    about: { staffId: 'staff-a', window: 'civil-affairs', caseId: null },
    complainant: { name: '李四', phone: '13900139000', idNumber: null },
    matter: '上午十点窗口无人',
    major: false,
    filedOn: '2026-11-23',
    answerDue: '2026-11-26',
    filedAt: '2026-11-23T02:00:00.000Z',
    ...overrides,
  },
});

describe('complaints (效能投诉)', () => {
  const spec = specFor(complaintDecider);
  const at = '2026-11-24T02:00:00.000Z';
  /** A finding: valid, an empty post, recorded by leader-1, unless the test says otherwise. */
  const finding = (data: Partial<Extract<ComplaintCommand, { type: 'RecordComplaintFinding' }>['data']> = {}) => ({
    type: 'RecordComplaintFinding' as const,
    data: {
      valid: true,
      cause: 'EMPTY_POST' as ComplaintCause,
      findings: '经查属实',
      staffId: null,
      window: null,
      emptyPost: null,
      by: 'leader-1',
      occurredAt: at,
      ...data,
    },
  });

  it('files a complaint about a staff member, a window or a case, with the day its answer is due', () => {
    const { filedAt, ...data } = filed().data;
    spec([])
      .when({ type: 'FileComplaint', data: { ...data, occurredAt: filedAt } })
      .then([filed()]);
  });

  it('refuses a complaint about nobody, and a major matter not in writing', () => {
    const { filedAt, ...data } = filed().data;
    spec([])
      .when({ type: 'FileComplaint', data: { ...data, about: { staffId: null, window: null, caseId: null }, occurredAt: filedAt } })
      .thenThrows('VALIDATION.FAILED');
    spec([])
      .when({ type: 'FileComplaint', data: { ...data, major: true, occurredAt: filedAt } })
      .thenThrows('COMPLAINT.MAJOR_MUST_BE_WRITTEN');
  });

  it('answers once, in writing when filed in writing, and knows whether it was in time', () => {
    spec([filed()])
      .when({
        type: 'AnswerComplaint',
        data: { form: 'ORAL', text: '已批评教育', answeredOn: '2026-11-27', by: 'leader-1', occurredAt: at },
      })
      .then([
        {
          type: 'ComplaintAnswered',
          data: { complaintId: 'k1', form: 'ORAL', text: '已批评教育', answeredOn: '2026-11-27', onTime: false, answeredAt: at },
        },
      ]);
    spec([filed({ channel: 'WRITING' })])
      .when({ type: 'AnswerComplaint', data: { form: 'ORAL', text: '已处理', answeredOn: '2026-11-24', by: 'leader-1', occurredAt: at } })
      .thenThrows('COMPLAINT.WRITTEN_ANSWER_REQUIRED');
    const answered = {
      type: 'ComplaintAnswered' as const,
      data: { complaintId: 'k1', form: 'ORAL' as const, text: 'x', answeredOn: '2026-11-24', onTime: true, answeredAt: at },
    };
    spec([filed(), answered])
      .when({ type: 'AnswerComplaint', data: { form: 'ORAL', text: 'y', answeredOn: '2026-11-24', by: 'leader-1', occurredAt: at } })
      .thenThrows('COMPLAINT.ALREADY_ANSWERED');
  });

  it('records an unanswered complaint as overdue once its due day has passed, once', () => {
    const check = (today: string) => ({ type: 'CheckComplaintAnswer' as const, data: { today, occurredAt: at } });
    spec([filed()]).when(check('2026-11-26')).then([]);
    const overdue = {
      type: 'ComplaintAnswerOverdue' as const,
      data: { complaintId: 'k1', answerDue: '2026-11-26', markedOn: '2026-11-27' },
    };
    spec([filed()]).when(check('2026-11-27')).then([overdue]);
    spec([filed(), overdue]).when(check('2026-11-28')).then([]);
  });

  it('finds a complaint valid or not, naming where it lands, once', () => {
    spec([filed()])
      .when(finding())
      .then([
        {
          type: 'ComplaintFound',
          data: {
            complaintId: 'k1',
            center: 'c1',
            valid: true,
            cause: 'EMPTY_POST',
            findings: '经查属实',
            staffId: 'staff-a',
            window: 'civil-affairs',
            caseId: null,
            // Without the staff records, the post's own holder on the day of filing answers for it.
            emptyPost: { day: '2026-11-23', charged: [{ staffId: 'staff-a', post: 'POST' }], offDuty: [] },
            foundAt: at,
          },
        },
      ]);
    spec([filed({ about: { staffId: null, window: null, caseId: 'case-1' } })])
      .when(finding())
      .thenThrows('COMPLAINT.POST_REQUIRED');
    spec([])
      .when(finding({ valid: false, cause: 'OTHER', findings: 'x' }))
      .thenThrows('COMPLAINT.NOT_FOUND');
  });

  it('charges A02 to every holder of the empty post and of its AB cover post on duty that day, and to nobody on approved leave', () => {
    const emptyPost = {
      day: '2026-11-20',
      charged: [
        { staffId: 'staff-a', post: 'POST' as const },
        { staffId: 'staff-b', post: 'AB_COVER' as const },
      ],
      offDuty: [{ staffId: 'staff-c', post: 'AB_COVER' as const, leaveIds: ['l1'] }],
    };
    spec([filed()])
      .when(finding({ emptyPost }))
      .then((events) => expect(events[0].data).toMatchObject({ staffId: 'staff-a', emptyPost }));
    // A finding that is not a valid empty post charges nobody.
    for (const [valid, cause] of [
      [false, 'EMPTY_POST'],
      [true, 'ATTITUDE'],
    ] as const)
      spec([filed()])
        .when(finding({ valid, cause, findings: '经查' }))
        .then((events) => expect(events[0].data).toMatchObject({ emptyPost: null }));
  });

  it('leaves a complaint about a leader or oversight officer to the others: its subject may not answer, find or escalate it (回避)', () => {
    const aboutLeader = filed({ about: { staffId: 'leader-2', window: null, caseId: null } });
    const by = (who: string) => ({ by: who, occurredAt: at });
    spec([aboutLeader])
      .when({ type: 'AnswerComplaint', data: { form: 'WRITTEN', text: '答复', answeredOn: '2026-11-24', ...by('leader-2') } })
      .thenThrows('COMPLAINT.RECUSED', { subjects: ['leader-2'] });
    spec([aboutLeader])
      .when(finding({ valid: false, cause: 'OTHER', findings: '不属实', ...by('leader-2') }))
      .thenThrows('COMPLAINT.RECUSED');
    spec([aboutLeader])
      .when({ type: 'EscalateComplaint', data: { reason: '重大', escalatedOn: '2026-11-24', ...by('leader-2') } })
      .thenThrows('COMPLAINT.RECUSED');
    // Another leader handles it.
    spec([aboutLeader])
      .when({ type: 'AnswerComplaint', data: { form: 'WRITTEN', text: '答复', answeredOn: '2026-11-24', ...by('leader-1') } })
      .then((events) => expect(events.map((e) => e.type)).toEqual(['ComplaintAnswered']));
  });

  it('counts as its subjects the one it names, the one found at fault and every holder charged for an empty post', () => {
    const found = {
      type: 'ComplaintFound' as const,
      data: {
        complaintId: 'k1',
        center: 'c1',
        valid: true,
        cause: 'EMPTY_POST' as const,
        findings: '属实',
        staffId: 'staff-b',
        window: 'civil-affairs',
        caseId: null,
        emptyPost: {
          day: '2026-11-23',
          charged: [
            { staffId: 'staff-b', post: 'POST' as const },
            { staffId: 'staff-c', post: 'AB_COVER' as const },
          ],
          offDuty: [],
        },
        foundAt: at,
      },
    };
    const state = [filed(), found].reduce(complaintDecider.evolve, complaintDecider.initialState());
    expect(state.status !== 'NONE' && complaintSubjects(state)).toEqual(['staff-a', 'staff-b', 'staff-c']);
  });

  describe('major complaints go to the leaders and the discipline office (上报)', () => {
    const toBoth = ['CENTER_LEADERS', 'DISCIPLINE_OFFICE'] as const;

    it('escalates a complaint filed as major as it is filed', () => {
      const major = filed({ channel: 'WRITING', major: true });
      const { filedAt, ...data } = major.data;
      spec([])
        .when({ type: 'FileComplaint', data: { ...data, occurredAt: filedAt } })
        .then([
          major,
          {
            type: 'ComplaintEscalated',
            data: {
              complaintId: 'k1',
              center: 'c1',
              basis: 'FILED_AS_MAJOR',
              reason: null,
              to: [...toBoth],
              escalatedOn: '2026-11-23',
              escalatedAt: filedAt,
            },
          },
        ]);
    });

    it('escalates an ordinary complaint found major, once, which must then be answered in writing', () => {
      const escalate = {
        type: 'EscalateComplaint' as const,
        data: { reason: ' 涉及索要财物 ', escalatedOn: '2026-11-24', by: 'leader-1', occurredAt: at },
      };
      const escalated = {
        type: 'ComplaintEscalated' as const,
        data: {
          complaintId: 'k1',
          center: 'c1',
          basis: 'FOUND_MAJOR' as const,
          reason: '涉及索要财物',
          to: [...toBoth],
          escalatedOn: '2026-11-24',
          escalatedAt: at,
        },
      };
      spec([filed()]).when(escalate).then([escalated]);
      spec([filed(), escalated]).when(escalate).thenThrows('COMPLAINT.ALREADY_ESCALATED');
      spec([filed(), escalated])
        .when({ type: 'AnswerComplaint', data: { form: 'ORAL', text: '已处理', answeredOn: '2026-11-24', by: 'leader-1', occurredAt: at } })
        .thenThrows('COMPLAINT.WRITTEN_ANSWER_REQUIRED');
      spec([filed()])
        .when({ ...escalate, data: { ...escalate.data, reason: '  ' } })
        .thenThrows('VALIDATION.FAILED');
      spec([]).when(escalate).thenThrows('COMPLAINT.NOT_FOUND');
    });

    it('does not escalate a complaint already answered and decided', () => {
      const answered = {
        type: 'ComplaintAnswered' as const,
        data: { complaintId: 'k1', form: 'ORAL' as const, text: 'x', answeredOn: '2026-11-24', onTime: true, answeredAt: at },
      };
      const found = {
        type: 'ComplaintFound' as const,
        data: {
          complaintId: 'k1',
          center: 'c1',
          valid: false,
          cause: 'OTHER' as const,
          findings: 'x',
          staffId: 'staff-a',
          window: 'civil-affairs',
          caseId: null,
          foundAt: at,
        },
      };
      spec([filed(), answered, found])
        .when({ type: 'EscalateComplaint', data: { reason: '复查', escalatedOn: '2026-11-25', by: 'leader-1', occurredAt: at } })
        .thenThrows('COMPLAINT.CLOSED');
    });
  });
});

describe('the day a complaint is answered by (SPEC §7: 当日或三天内)', () => {
  const calendar = buildCalendar();
  const natural = { days: 3, unit: 'natural_days' as const };
  const working = { days: 3, unit: 'working_days' as const };

  it('counts 3 calendar days from filing, and a rest day moves it to the next working day', () => {
    expect(answerDueOn('2026-11-23', natural, calendar)).toBe('2026-11-26'); // Monday → Thursday
    expect(answerDueOn('2026-11-26', natural, calendar)).toBe('2026-11-30'); // Thursday → Sunday → Monday
    expect(answerDueOn('2026-11-27', natural, calendar)).toBe('2026-11-30'); // Friday → Monday itself
    expect(answerDueOn('2026-09-30', natural, calendar)).toBe('2026-10-08'); // into National Day (1–7 Oct)
  });

  it('crosses the year into a year without a published schedule, where 1 January still rests by law', () => {
    expect(answerDueOn('2026-12-29', natural, calendar)).toBe('2027-01-04'); // Fri 1 Jan 元旦, then the weekend
  });

  it('counts working days for a center that says so', () => {
    expect(answerDueOn('2026-11-26', working, calendar)).toBe('2026-12-01'); // Thu → Fri, Mon, Tue
    expect(answerDueOn('2026-09-30', working, calendar)).toBe('2026-10-10'); // Thu 8, Fri 9, Sat 10 (调休: worked)
  });
});
