import { eventually } from '../support/eventually';
import { subscribe } from '../support/live-client';
import { TestService, errorCode } from '../support/service';

const COMPLAINT = `query($id: ID!) { complaint(id: $id) {
  seenAsSubject recused complainant { name } matter about { staffId window caseId }
  answer { form text } finding { valid cause findings } escalation { basis reason } } }`;

/**
 * SPEC §7 and its clarifications: the complained-about never learn who complained, nor the case or
 * anything else that leads back to the applicant; they see the finding and the lines it costs them. A
 * leader or oversight officer a complaint is about is a subject like any other: the others handle it (回避).
 */
describe('confidentiality and recusal in complaints (end to end)', () => {
  const service = new TestService();
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const center = 'c1';
  const window = 'civil-affairs';
  const leader = (id = 'leader-1') => service.token('center_leader', id, { center });
  const gql = async (query: string, variables: Record<string, unknown>, token: string) => service.gql(query, variables, token);
  const mutate = (name: string, input: Record<string, unknown>, token: string, select = 'complaint { id }') =>
    service.mutate(name, input, select, token);
  const code = errorCode;

  let caseId = '';
  beforeAll(async () => {
    const submitted = await mutate(
      'submitCase',
      { itemCode: 'MZ-DB-001', applicant: { name: '孙八', idNumber: '11010519491231002X' }, materials: ['书面申请'] },
      service.token('staff', 's-x', { center, window }),
      'case { id }',
    );
    expect(submitted.errors).toBeUndefined();
    caseId = submitted.data!.submitCase.case.id;
  });

  const file = async (about: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await mutate(
      'fileComplaint',
      {
        center,
        channel: 'WRITING',
        about,
        complainant: { name: '孙八', phone: '13900139000' },
        matter: '孙八反映办理低保时窗口人员态度恶劣',
        ...extra,
      },
      leader(),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.fileComplaint.complaint.id as string;
  };

  it('shows the staff member complained about the finding and the lines, never the complainant, the words, the case or the answer', async () => {
    const id = await file({ staffId: 's-x', window, caseId });
    expect(
      (await mutate('answerComplaint', { complaintId: id, form: 'WRITTEN', text: '孙八同志：经查属实，已批评教育' }, leader())).errors,
    ).toBeUndefined();
    expect(
      (
        await mutate(
          'recordComplaintFinding',
          { complaintId: id, valid: true, cause: 'EMPTY_POST', findings: '经查，当日上午窗口无人' },
          leader(),
        )
      ).errors,
    ).toBeUndefined();

    const asSubject = await gql(COMPLAINT, { id }, service.token('staff', 's-x', { center, window }));
    expect(asSubject.errors).toBeUndefined();
    expect(asSubject.data!.complaint).toEqual({
      seenAsSubject: true,
      recused: ['s-x'],
      complainant: null,
      matter: null,
      about: { staffId: 's-x', window, caseId: null },
      answer: { form: 'WRITTEN', text: null },
      finding: { valid: true, cause: 'EMPTY_POST', findings: '经查，当日上午窗口无人' },
      escalation: null,
    });
    // Their lead sees what the complaint says, not who said it; the leaders see everything.
    const asLead = (await gql(COMPLAINT, { id }, service.token('window_lead', 'lead-x', { center, window }))).data!.complaint;
    expect(asLead).toMatchObject({
      seenAsSubject: false,
      complainant: null,
      matter: '孙八反映办理低保时窗口人员态度恶劣',
      about: { caseId },
    });
    expect((await gql(COMPLAINT, { id }, leader())).data!.complaint).toMatchObject({ complainant: { name: '孙八' }, about: { caseId } });

    // The line the finding costs them names the complaint's events, not the case.
    const line = await eventually(async () => {
      const sheet = await gql(
        `{ scoreSheet(staffId: "s-x", center: "${center}", period: "${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)}") { lines { id code caseId evidence { stream type } } } }`,
        {},
        service.token('staff', 's-x', { center, window }),
      );
      const found = sheet.data!.scoreSheet.lines.find((l: { code: string }) => l.code === 'A02');
      expect(found).toBeDefined();
      return found;
    });
    expect(line).toEqual({
      id: `valid-complaint-empty-post:${id}`,
      code: 'A02',
      caseId: null,
      evidence: [
        { stream: `complaint-${id}`, type: 'ComplaintFiled' },
        { stream: `complaint-${id}`, type: 'ComplaintFound' },
      ],
    });
    // They can appeal it.
    const appealed = await mutate(
      'appealConduct',
      { lineId: line.id, grounds: '当日经批准外出办事' },
      service.token('staff', 's-x', { center, window }),
      'lineId',
    );
    expect(appealed.errors).toBeUndefined();
  });

  it('lets a leader or oversight officer the complaint is about handle nothing of it, shows them what any subject sees, and the others handle it', async () => {
    const alerts = (token: string) =>
      subscribe<{ kind: string; complaintId: string; caseId: string | null }>(
        service.baseUrl + '/graphql',
        token,
        'subscription($after: String) { supervisionAlerts(center: "c1", after: $after) { kind complaintId caseId } }',
        { after: '0' },
      );
    const subjectAlerts = alerts(leader('leader-2'));
    const otherAlerts = alerts(leader());
    const id = await file({ staffId: 'leader-2', caseId }, { major: true });

    for (const [name, input] of [
      ['answerComplaint', { complaintId: id, form: 'WRITTEN', text: '答复' }],
      ['recordComplaintFinding', { complaintId: id, valid: false, cause: 'OTHER', findings: '不属实' }],
    ] as const) {
      const refused = await mutate(name, input, leader('leader-2'));
      expect([name, code(refused)]).toEqual([name, 'COMPLAINT.RECUSED']);
    }
    const asSubject = (await gql(COMPLAINT, { id }, leader('leader-2'))).data!.complaint;
    expect(asSubject).toMatchObject({
      seenAsSubject: true,
      complainant: null,
      matter: null,
      about: { caseId: null },
      answer: null,
      finding: null,
    });
    // Nothing was recorded by the refused attempts; the other leader answers and decides.
    const other = (await gql(COMPLAINT, { id }, leader())).data!.complaint;
    expect(other).toMatchObject({ recused: ['leader-2'], answer: null, finding: null, complainant: { name: '孙八' } });
    expect((await mutate('answerComplaint', { complaintId: id, form: 'WRITTEN', text: '书面答复' }, leader())).errors).toBeUndefined();

    // The escalation reaches the subject too (they are a leader), but without the case behind it.
    await eventually(async () => {
      expect(subjectAlerts.received).toContainEqual({ kind: 'COMPLAINT_ESCALATED', complaintId: id, caseId: null });
      expect(otherAlerts.received).toContainEqual({ kind: 'COMPLAINT_ESCALATED', complaintId: id, caseId });
    });
    await subjectAlerts.stop();
    await otherAlerts.stop();

    // An oversight officer a complaint is about is recused the same way.
    const aboutInspector = await file({ staffId: 'inspector-9' });
    const inspector = service.token('oversight', 'inspector-9', { centers: [center] });
    expect(
      code(
        await mutate('recordComplaintFinding', { complaintId: aboutInspector, valid: true, cause: 'CONDUCT', findings: '属实' }, inspector),
      ),
    ).toBe('COMPLAINT.RECUSED');
    expect((await gql(COMPLAINT, { id: aboutInspector }, inspector)).data!.complaint).toMatchObject({
      seenAsSubject: true,
      complainant: null,
    });
  });
});
