import { eventually } from '../support/eventually';
import { subscribe } from '../support/live-client';
import { TestService, errorCode } from '../support/service';

const VIEW = 'id status routing { window officer followUpDue } closure { caseId answer closedBy } followUpRecordedOn';

/**
 * 首问负责 until closure: a visit the first officer routes to a window stays open until that window records
 * the case or the answer; the first officer sees where it stands; left open past its follow-up day it is
 * recorded for the leaders, who are alerted.
 */
describe('first inquiry until closure (首问负责, end to end)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1', CASETRAIL_CONSULTATION_FOLLOW_UP_DAYS: '2' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const center = 'c1';
  const officer = () => service.token('staff', 'staff-front', { center, window: 'front-desk' });
  const routedStaff = () => service.token('staff', 'staff-ca', { center, window: 'civil-affairs' });
  const mutate = (name: string, input: Record<string, unknown>, token: string, select = `consultation { ${VIEW} }`) =>
    service.mutate(name, input, select, token);
  const read = async (id: string, token = officer()) =>
    (await service.gql(`query($id: ID!) { consultation(id: $id) { ${VIEW} } }`, { id }, token)).data!.consultation;
  const code = errorCode;

  it('keeps a routed visit open for its first officer to see, and lets the routed window close it with the case it recorded', async () => {
    const recorded = await mutate(
      'recordConsultation',
      { visitorName: '周九', topic: '低保怎么申请', routedToWindow: 'civil-affairs' },
      officer(),
    );
    expect(recorded.errors).toBeUndefined();
    const visit = recorded.data!.recordConsultation.consultation;
    expect(visit).toMatchObject({ status: 'OPEN', routing: { window: 'civil-affairs', officer: 'staff-front' }, closure: null });

    // The routed window sees it waiting; a visit not routed is not on anyone's list.
    await mutate('recordConsultation', { visitorName: '吴十', topic: '问路' }, officer());
    // The list is a read model: it has the visit once the projection has applied it.
    await eventually(async () => {
      const waiting = await service.gql(
        `{ consultations(center: "${center}", window: "civil-affairs", status: OPEN) { totalCount edges { node { id } } } }`,
        {},
        routedStaff(),
      );
      expect(waiting.data!.consultations.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(visit.id);
    });

    // Only the routed window closes it, and only with one of its own cases.
    expect(
      code(
        await mutate(
          'closeConsultation',
          { consultationId: visit.id, answer: '已答复' },
          service.token('staff', 'staff-f', { center, window: 'forestry' }),
        ),
      ),
    ).toBe('AUTH.FORBIDDEN');
    const elsewhere = await mutate(
      'submitCase',
      { itemCode: 'LY-LQ-001', applicant: { name: '周九', idNumber: '11010519491231002X' }, materials: ['申请表'] },
      service.token('staff', 'staff-f', { center, window: 'forestry' }),
      'case { id }',
    );
    expect(
      code(await mutate('closeConsultation', { consultationId: visit.id, caseId: elsewhere.data!.submitCase.case.id }, routedStaff())),
    ).toBe('CONSULTATION.CASE_ELSEWHERE');
    const own = await mutate(
      'submitCase',
      { itemCode: 'MZ-DB-001', applicant: { name: '周九', idNumber: '11010519491231002X' }, materials: ['书面申请'] },
      routedStaff(),
      'case { id }',
    );
    const caseId = own.data!.submitCase.case.id as string;
    const closed = await mutate('closeConsultation', { consultationId: visit.id, caseId }, routedStaff());
    expect(closed.errors).toBeUndefined();
    expect(await read(visit.id)).toMatchObject({
      status: 'CLOSED',
      closure: { caseId, answer: null, closedBy: 'staff-ca' },
      followUpRecordedOn: null,
    });
    expect(code(await mutate('closeConsultation', { consultationId: visit.id, answer: '再答' }, routedStaff()))).toBe(
      'CONSULTATION.ALREADY_CLOSED',
    );
  });

  it('records a routing still open past its follow-up day for the leaders, once, and alerts them', async () => {
    const alerts = subscribe<{ kind: string; consultationId: string | null; window: string | null; dueDate: string | null }>(
      service.baseUrl + '/graphql',
      service.token('center_leader', 'leader-1', { center }),
      'subscription { supervisionAlerts(center: "c1", after: "0") { kind consultationId window dueDate } }',
    );
    // Entered after the fact: the visit was a week ago, so its 2 working days have passed.
    const recorded = await mutate(
      'recordConsultation',
      {
        visitorName: '郑十一',
        topic: '林权证变更',
        routedToWindow: 'civil-affairs',
        occurredAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
        backfillReason: '首问登记簿补录',
      },
      officer(),
    );
    expect(recorded.errors).toBeUndefined();
    const { id, routing } = recorded.data!.recordConsultation.consultation;
    const marked = await eventually(
      async () => {
        const v = await read(id);
        expect(v.followUpRecordedOn).toEqual(expect.any(String));
        return v;
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(marked.status).toBe('OPEN');
    await eventually(async () =>
      expect(alerts.received).toContainEqual({
        kind: 'CONSULTATION_UNCLOSED',
        consultationId: id,
        window: 'civil-affairs',
        dueDate: routing.followUpDue,
      }),
    );
    await alerts.stop();
    // The window may still close it; the record of the late follow-up stays.
    expect((await mutate('closeConsultation', { consultationId: id, answer: '已电话答复' }, routedStaff())).errors).toBeUndefined();
    expect(await read(id)).toMatchObject({ status: 'CLOSED', followUpRecordedOn: marked.followUpRecordedOn });
  });
});
