import { specFor } from '../../../../test/support/given-when-then';
import { CloseConsultation, ConsultationRecorded, RecordConsultation, Routing, consultationDecider } from './consultation.decider';

const at = '2026-11-23T02:00:00.000Z';
const spec = specFor(consultationDecider);

const routing: Routing = {
  center: 'c1',
  window: 'civil-affairs',
  officer: 'staff-front',
  officerWindow: 'front-desk',
  routedOn: '2026-11-23',
  followUpDue: '2026-11-26',
};
const record = (overrides: Partial<RecordConsultation['data']> = {}): RecordConsultation => ({
  type: 'RecordConsultation',
  data: {
    consultationId: 'q1',
    visitorName: ' 周九 ',
    visitorPhone: null,
    topic: '低保怎么申请',
    itemCode: 'MZ-DB-001',
    routedTo: null,
    notes: null,
    routing,
    occurredAt: at,
    ...overrides,
  },
});
const recorded: ConsultationRecorded = {
  type: 'ConsultationRecorded',
  data: {
    consultationId: 'q1',
    visitorName: '周九',
    visitorPhone: null,
    topic: '低保怎么申请',
    itemCode: 'MZ-DB-001',
    routedTo: null,
    notes: null,
    routing,
    consultedAt: at,
  },
};
const close = (overrides: Partial<CloseConsultation['data']> = {}): CloseConsultation => ({
  type: 'CloseConsultation',
  data: { caseId: null, caseWindow: null, answer: '已告知所需材料', by: 'staff-ca', closedOn: '2026-11-24', occurredAt: at, ...overrides },
});
const closed = {
  type: 'ConsultationClosed' as const,
  data: { consultationId: 'q1', caseId: null, answer: '已告知所需材料', closedBy: 'staff-ca', closedOn: '2026-11-24', closedAt: at },
};

describe('first inquiry until closure (首问负责)', () => {
  it('records a visit routed to a window, open until that window closes it', () => {
    spec([]).when(record()).then([recorded]);
    spec([recorded]).when(record()).thenThrows('CONSULTATION.ALREADY_RECORDED');
  });

  it('is closed by the routed window with the case it recorded there, or the answer it gave, once', () => {
    spec([recorded]).when(close()).then([closed]);
    spec([recorded])
      .when(close({ answer: null, caseId: 'case-7', caseWindow: 'civil-affairs' }))
      .then((events) => expect(events[0].data).toMatchObject({ caseId: 'case-7', answer: null }));
    spec([recorded, closed]).when(close()).thenThrows('CONSULTATION.ALREADY_CLOSED', { closedBy: 'staff-ca' });
  });

  it('refuses a case of another window, neither or both of case and answer, a visit not routed, and one never recorded', () => {
    spec([recorded])
      .when(close({ answer: null, caseId: 'case-8', caseWindow: 'forestry' }))
      .thenThrows('CONSULTATION.CASE_ELSEWHERE', { caseId: 'case-8', window: 'civil-affairs' });
    // A case that does not exist has no window.
    spec([recorded])
      .when(close({ answer: null, caseId: 'no-such-case', caseWindow: null }))
      .thenThrows('CONSULTATION.CASE_ELSEWHERE');
    spec([recorded])
      .when(close({ answer: ' ' }))
      .thenThrows('VALIDATION.FAILED');
    spec([recorded])
      .when(close({ caseId: 'case-7', caseWindow: 'civil-affairs' }))
      .thenThrows('VALIDATION.FAILED');
    spec([{ ...recorded, data: { ...recorded.data, routing: null } }])
      .when(close())
      .thenThrows('CONSULTATION.NOT_ROUTED');
    spec([]).when(close()).thenThrows('CONSULTATION.NOT_FOUND');
  });

  it('records an open routing for the leaders once it is past its follow-up day, once, and never a closed one', () => {
    const check = (today: string) => ({ type: 'CheckConsultationFollowUp' as const, data: { today, occurredAt: at } });
    spec([recorded]).when(check('2026-11-26')).then([]);
    const due = {
      type: 'ConsultationFollowUpDue' as const,
      data: {
        consultationId: 'q1',
        center: 'c1',
        window: 'civil-affairs',
        routedOn: '2026-11-23',
        followUpDue: '2026-11-26',
        markedOn: '2026-11-27',
      },
    };
    spec([recorded]).when(check('2026-11-27')).then([due]);
    spec([recorded, due]).when(check('2026-11-30')).then([]);
    spec([recorded, closed]).when(check('2026-11-30')).then([]);
    spec([{ ...recorded, data: { ...recorded.data, routing: null } }])
      .when(check('2026-11-30'))
      .then([]);
    // Still closable after the follow-up: the window answers late, and the record stays.
    spec([recorded, due]).when(close()).then([closed]);
  });
});
