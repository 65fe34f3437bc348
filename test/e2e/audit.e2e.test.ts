import { createHash, randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { subscribe } from '../support/live-client';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X' };

/** The oversight office's reads are recorded; the service seals its log as it runs, and once more when it stops. */
describe('oversight reads and audit checkpoints in the running service (end to end)', () => {
  const service = new TestService({ CASETRAIL_AUDIT_CHECKPOINT_SECONDS: '1' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const verify = async () => {
    const run = await service.cli('verify', '--json');
    if (run.status === null) throw new Error(run.err);
    return { status: run.status, report: JSON.parse(run.out) };
  };
  const head = async () => BigInt(await service.logHead());

  it('records every read by the oversight office before answering it, and only theirs', async () => {
    const inspector = service.token('oversight', 'inspector-9', { centers: ['c1'] });
    const submitted = await service.gql(
      `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`,
      { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'] } },
      service.token(),
    );
    const caseId = submitted.data!.submitCase.case.id as string;
    expect((await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: caseId }, inspector)).data!.case.id).toBe(caseId);
    expect((await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: caseId }, service.token())).errors).toBeUndefined(); // staff: not recorded
    const live = subscribe(service.baseUrl + '/graphql', inspector, 'subscription($c: String!) { deadlineAlerts(center: $c) { caseId } }', {
      c: 'c1',
    });
    type Read = { userId: string; operation: string; arguments: Record<string, unknown>; readAt: string };
    const reads = async () =>
      (
        await service.gql(
          '{ oversightReads(userId: "inspector-9", first: 10) { totalCount edges { node { userId operation arguments readAt } } } }',
          {},
          inspector,
        )
      ).data!.oversightReads;
    await eventually(async () => {
      const list = await reads();
      expect(list.edges.map((e: { node: Read }) => e.node)).toEqual(
        expect.arrayContaining([
          { userId: 'inspector-9', operation: 'Query.case', arguments: { id: caseId }, readAt: expect.any(String) },
          { userId: 'inspector-9', operation: 'Subscription.deadlineAlerts', arguments: { center: 'c1' }, readAt: expect.any(String) },
        ]),
      );
    });
    await live.stop();
    const all = await service.gql('{ oversightReads(first: 100) { edges { node { userId operation } } } }', {}, inspector);
    expect(all.data!.oversightReads.edges.every((e: { node: { userId: string } }) => e.node.userId === 'inspector-9')).toBe(true);
    expect(
      (await service.gql('{ oversightReads { totalCount } }', {}, service.token('center_leader', 'leader-1', { center: 'c1' }))).errors![0]
        .extensions!.code,
    ).toBe('AUTH.FORBIDDEN');
  });

  it('keeps a read’s arguments bounded: a 100 kB argument is recorded as its start, length and hash, refused reads included', async () => {
    const inspector = service.token('oversight', 'inspector-10', { centers: ['c1'] });
    const huge = 'x'.repeat(100_000);
    const res = await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: huge }, inspector);
    expect(res.status).toBe(200);
    // A read refused for reach is recorded too, bounded the same way.
    const refused = await service.gql(`query($c: String!) { personalDataReads(center: $c) { totalCount } }`, { c: huge }, inspector);
    expect(refused.errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
    const expectedHash = createHash('sha256').update(JSON.stringify(huge)).digest('hex');
    await eventually(
      async () => {
        const reads = await service.gql(
          '{ oversightReads(userId: "inspector-10", first: 50) { edges { node { operation arguments } } } }',
          {},
          inspector,
        );
        const bounded = { truncated: true, start: `"${'x'.repeat(199)}`, length: 100_002, sha256: expectedHash };
        const nodes = reads.data!.oversightReads.edges.map((e: { node: unknown }) => e.node);
        expect(nodes).toContainEqual({ operation: 'Query.case', arguments: { id: bounded } });
        expect(nodes).toContainEqual({ operation: 'Query.personalDataReads', arguments: expect.objectContaining({ center: bounded }) });
        // Each look is itself a recorded read: look seldom, so the two stay among the newest.
      },
      { timeoutMs: 10_000, intervalMs: 500 },
    );
  });

  it('lists a dossier exported from the command line among the oversight reads, who and why', async () => {
    const submitted = await service.gql(
      `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`,
      { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'] } },
      service.token(),
    );
    const caseId = submitted.data!.submitCase.case.id as string;
    const exported = await service.cli('export', '--case', caseId, '--reason', '信访复查', '--by', 'inspector-5', '--out', 'dossier.json');
    expect(exported.status).toBe(0);
    const inspector = service.token('oversight', 'inspector-5', { centers: ['c1'] });
    await eventually(async () => {
      const reads = (
        await service.gql(
          '{ oversightReads(userId: "inspector-5", first: 10) { edges { node { userId operation arguments readAt } } } }',
          {},
          inspector,
        )
      ).data!.oversightReads;
      // The list itself is a read too, and recorded before it answers: the export is among the reads listed.
      expect(reads.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
        userId: 'inspector-5',
        operation: 'casetrail export',
        arguments: { caseId, reason: '信访复查' },
        readAt: expect.any(String),
      });
    });
  });

  it('replays a case and a center between two instants, in the order of the record, a page at a time', async () => {
    const staff = service.token();
    const before = new Date().toISOString();
    const submit = async () =>
      (
        await service.gql(
          `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`,
          { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'] } },
          staff,
        )
      ).data!.submitCase.case.id as string;
    const first = await submit();
    expect(
      (
        await service.gql(
          `mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { position } }`,
          { input: { commandId: randomUUID(), caseId: first } },
          staff,
        )
      ).errors,
    ).toBeUndefined();
    const second = await submit();
    const between = new Date().toISOString();
    const recorded = await service.gql(
      `mutation($input: RecordStepInput!) { recordStep(input: $input) { position } }`,
      { input: { commandId: randomUUID(), caseId: first, step: '村委会初审', action: 'PASS', opinion: '同意' } },
      staff,
    );
    expect(recorded.errors).toBeUndefined();
    const after = new Date(Date.now() + 1000).toISOString();
    const inspector = service.token('oversight', 'inspector-2', { centers: ['c1'] });
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: Array<{ node: { caseId: string; type: string; position: string; data: { applicant?: { idNumber: string } } } }>;
    };
    const centerPage = async (from: string, to: string, cursor: string | null): Promise<Page> =>
      (
        await service.gql(
          `query($from: DateTime!, $to: DateTime!, $after: String) { centerReplay(center: "c1", from: $from, to: $to, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { caseId type position data } } } }`,
          { from, to, after: cursor },
          inspector,
        )
      ).data!.centerReplay;
    await eventually(async () => expect((await centerPage(before, after, null)).totalCount).toBe(4), { timeoutMs: 3000, intervalMs: 100 });
    const stepped: Page['edges'] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await centerPage(before, after, cursor);
      stepped.push(...page.edges);
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor);
    expect(stepped.map((e) => [e.node.caseId, e.node.type])).toEqual([
      [first, 'CaseSubmitted'],
      [first, 'CaseAccepted'],
      [second, 'CaseSubmitted'],
      [first, 'StepRecorded'],
    ]);
    expect(stepped.map((e) => BigInt(e.node.position))).toEqual(
      [...stepped.map((e) => BigInt(e.node.position))].sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(stepped[0].node.data.applicant!.idNumber).not.toBe(applicant.idNumber); // masked, as in a case's history
    // Up to an instant: what had been recorded by then, and no more.
    expect((await centerPage(before, between, null)).totalCount).toBe(3);
    const caseOnly = await service.gql(
      `query($id: ID!, $from: DateTime!, $to: DateTime!) { caseReplay(caseId: $id, from: $from, to: $to) { totalCount edges { node { type } } } }`,
      { id: first, from: between, to: after },
      inspector,
    );
    expect(caseOnly.data!.caseReplay.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual(['StepRecorded']);
    const backwards = await service.gql(
      `query($from: DateTime!, $to: DateTime!) { centerReplay(center: "c1", from: $from, to: $to) { totalCount } }`,
      { from: after, to: before },
      inspector,
    );
    expect(backwards.errors![0].extensions!.code).toBe('VALIDATION.FAILED');
  });

  it('seals what was recorded within seconds, verifies while serving, and leaves nothing unsealed when stopped', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await service.gql(
        `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`,
        { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'] } },
        service.token(),
      );
      expect(res.errors).toBeUndefined();
    }
    const recorded = await head();
    await eventually(
      async () => {
        const { status, report } = await verify();
        expect(status).toBe(0);
        expect(BigInt(report.sealedUpTo)).toBeGreaterThanOrEqual(recorded);
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    await service.stop();
    const { status, report } = await verify();
    expect(status).toBe(0);
    // Only the last checkpoint itself is after the last seal.
    expect(report).toMatchObject({ ok: true, unchained: 0, unsealed: 1, firstBad: null });
    expect(report.checkpoints).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
