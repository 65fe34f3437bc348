import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { subscribe } from '../support/live-client';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X' };
const CENTER_EVENTS = `subscription($center: String!, $after: String) { centerEvents(center: $center, after: $after) { position type caseId actor { id } data } }`;
const CASE_EVENTS = `subscription($caseId: ID!, $after: String) { caseEvents(caseId: $caseId, after: $after) { position type caseId } }`;
type Live = { position: string; type: string; caseId: string };

describe('live subscriptions over graphql-ws (end to end)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const act = (name: string, type: string, input: Record<string, unknown>, token?: string) =>
    service.ok(
      `mutation($input: ${type}!) { ${name}(input: $input) { position case { id } } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );
  const walk = async (center = 'c1') => {
    const token = service.token('staff', 'staff-a', { center, window: 'civil-affairs' });
    const caseId = (await act('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant }, token)).case.id as string;
    await act('acceptCase', 'AcceptCaseInput', { caseId }, token);
    await act('recordStep', 'RecordStepInput', { caseId, step: '村委会初审', opinion: '同意' }, token);
    const last = await act('completeCase', 'CompleteCaseInput', { caseId, outcome: 'APPROVED' }, token);
    return { caseId, position: last.position as string };
  };
  /** A dashboard of the center: its leader sees every window. */
  const leaderOf = (center: string) => service.token('center_leader', `leader-${center}`, { center });
  /** Read by a leader of the case's center: a token of another center reaches none of it. */
  const historyPositions = async (caseId: string, center = 'c1') =>
    (
      (await service.gql(`query($id: ID!) { case(id: $id) { history { position } } }`, { id: caseId }, leaderOf(center))).data!.case
        .history as Array<{
        position: string;
      }>
    ).map((h) => h.position);

  it('pushes a case’s events live, each with its position, and masks personal numbers', async () => {
    const caseId = (
      await act('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant: { ...applicant, phone: '13800138000' } })
    ).case.id;
    const live = subscribe<Live>(service.baseUrl + '/graphql', service.token(), CASE_EVENTS, { caseId, after: '-1' });
    await act('acceptCase', 'AcceptCaseInput', { caseId });
    await eventually(() => expect(live.received.map((e) => e.type)).toEqual(['CaseSubmitted', 'CaseAccepted']));
    expect(live.received.map((e) => e.position)).toEqual(await historyPositions(caseId));
    expect(JSON.stringify(live.received)).not.toContain('11010519491231002X');
    await live.stop();
  });

  it('a client that drops mid-stream and reconnects with its last position gets every event exactly once', async () => {
    const before = await walk('drop-center');
    const first = subscribe<Live>(service.baseUrl + '/graphql', leaderOf('drop-center'), CENTER_EVENTS, {
      center: 'drop-center',
      after: before.position,
    });
    const a = await walk('drop-center');
    await eventually(() => expect(first.received.length).toBeGreaterThanOrEqual(4));
    await first.stop(); // the connection drops here
    const lastSeen = first.received.at(-1)!.position;
    const b = await walk('drop-center'); // events the client misses while away
    const second = subscribe<Live>(service.baseUrl + '/graphql', leaderOf('drop-center'), CENTER_EVENTS, {
      center: 'drop-center',
      after: lastSeen,
    });
    const c = await walk('drop-center');
    const expected = [
      ...(await historyPositions(a.caseId, 'drop-center')),
      ...(await historyPositions(b.caseId, 'drop-center')),
      ...(await historyPositions(c.caseId, 'drop-center')),
    ];
    await eventually(() => expect([...first.received, ...second.received].map((e) => e.position)).toEqual(expected));
    expect(new Set([...first.received, ...second.received].map((e) => e.position)).size).toBe(expected.length);
    await second.stop();
  });

  it('resumes across a server restart with no gap and no duplicate', async () => {
    const before = await walk('restart-center');
    const first = subscribe<Live>(service.baseUrl + '/graphql', leaderOf('restart-center'), CENTER_EVENTS, {
      center: 'restart-center',
      after: before.position,
    });
    const a = await walk('restart-center');
    await eventually(() => expect(first.received).toHaveLength(4));
    const lastSeen = first.received.at(-1)!.position;
    await service.restart(); // drops every connection
    expect(await first.closed).not.toBe(4403);
    const b = await walk('restart-center');
    const second = subscribe<Live>(service.baseUrl + '/graphql', leaderOf('restart-center'), CENTER_EVENTS, {
      center: 'restart-center',
      after: lastSeen,
    });
    const expected = [...(await historyPositions(a.caseId, 'restart-center')), ...(await historyPositions(b.caseId, 'restart-center'))];
    await eventually(() => expect([...first.received, ...second.received].map((e) => e.position)).toEqual(expected));
    await second.stop();
  }, 30_000);

  it('closes a connection with a bad token with 4403', async () => {
    const live = subscribe(service.baseUrl + '/graphql', service.token().slice(0, -3) + 'abc', CASE_EVENTS, { caseId: 'x' });
    expect(await live.closed).toBe(4403);
    expect(live.received).toEqual([]);
  });

  it('refuses a malformed resume position', async () => {
    const live = subscribe(service.baseUrl + '/graphql', service.token(), CASE_EVENTS, { caseId: 'x', after: 'yesterday' });
    await eventually(() =>
      expect(live.errors).toMatchObject([{ message: expect.stringContaining('after'), extensions: { code: 'VALIDATION.FAILED' } }]),
    );
    await live.stop();
  });

  it('refuses a resume position beyond the log’s head, which would silently skip live events', async () => {
    const head = BigInt(await service.logHead());
    for (const [query, variables] of [
      [CASE_EVENTS, { caseId: 'x', after: String(head + 1000n) }],
      ['subscription($after: String) { centerEvents(center: "c1", after: $after) { type } }', { after: String(head + 1n) }],
    ] as const) {
      const live = subscribe(service.baseUrl + '/graphql', service.token(), query, variables);
      await eventually(() =>
        expect(live.errors).toMatchObject([
          { extensions: { code: 'SUBSCRIPTION.AFTER_BEYOND_HEAD', details: { head: expect.any(String) } } },
        ]),
      );
      await live.stop();
    }
    // The head itself is a position an event gave: following from it is allowed.
    const fromHead = subscribe(service.baseUrl + '/graphql', service.token(), CASE_EVENTS, { caseId: 'x', after: String(head) });
    expect(fromHead.errors).toEqual([]);
    await fromHead.stop();
  });

  it('pushes a red alert to the center’s dashboard when a case falls overdue', async () => {
    const token = service.token('staff', 'staff-a', { center: 'alert-center', window: 'social-security' });
    const alerts = subscribe<{ level: string; caseId: string; dueDate: string; workingDaysRemaining: number; window: string }>(
      service.baseUrl + '/graphql',
      service.token('oversight', 'screen-1', { centers: ['alert-center'] }),
      `subscription { deadlineAlerts(center: "alert-center") { position level caseId receiptNo window dueDate workingDaysRemaining handler } }`,
    );
    const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const caseId = (
      await act(
        'submitCase',
        'SubmitCaseInput',
        { itemCode: 'RS-YL-001', applicant, occurredAt: ago(961), backfillReason: '纸质台账补录' },
        token,
      )
    ).case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId, occurredAt: ago(960), backfillReason: '纸质台账补录' }, token);
    await eventually(() => expect(alerts.received).toMatchObject([{ level: 'RED', caseId, window: 'social-security' }]), {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
    expect(alerts.received[0].workingDaysRemaining).toBeLessThan(0);
    await alerts.stop();
  });
});
