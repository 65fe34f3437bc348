import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X' };

/** `casetrail replay` rebuilds every read model while the service keeps answering, then switches over. */
describe('replay without downtime (end to end)', () => {
  const service = new TestService();
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const staff = () => service.token();
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const submit = async () => {
    const res = await service.gql(`mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`, { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'] } }, staff());
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.submitCase.case.id as string;
  };
  const listed = async () => {
    const res = await service.gql('{ cases(filter: { center: "c1" }, first: 1) { totalCount } deadlines(filter: { center: "c1" }, first: 5) { totalCount } }', {}, leader());
    return res;
  };

  it('keeps answering queries and commands while every read model is rebuilt, and ends with the same answers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = await submit();
      ids.push(id);
      if (i % 2 === 0) await service.gql(`mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { position } }`, { input: { commandId: randomUUID(), caseId: id } }, staff());
    }
    await eventually(async () => expect((await listed()).data!.cases.totalCount).toBe(40));
    const before = (await listed()).data!;

    // Load while the replay runs: reads in a loop, and a command now and then.
    let running = true;
    const failures: unknown[] = [];
    let reads = 0;
    const load = (async () => {
      while (running) {
        const res = await listed();
        if (res.errors || res.data!.cases.totalCount < 40) failures.push(res.errors ?? res.data);
        reads++;
        if (reads % 10 === 0) ids.push(await submit());
      }
    })();
    const replay = await service.cli('replay');
    running = false;
    await load;

    expect({ status: replay.status, err: replay.status === 0 ? '' : replay.err.slice(-2000) }).toEqual({ status: 0, err: '' });
    expect(replay.out).toMatch(/Replayed \d+ events .* switched over \d+ tables at position \d+/);
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThanOrEqual(5); // the replay took long enough for several reads to overlap it
    // Nothing lost: every case, including those submitted during the switch, is in the rebuilt list,
    // and the service's projections keep following the log after it.
    ids.push(await submit());
    await eventually(async () => expect((await listed()).data!.cases.totalCount).toBe(ids.length));
    expect((await listed()).data!.deadlines.totalCount).toBe(before.deadlines.totalCount);
  }, 120_000);

  it('builds the read models of a store that has none yet (a replay before the first start)', async () => {
    const total = (await listed()).data!.cases.totalCount as number;
    expect(total).toBeGreaterThan(0);
    await service.stop();
    await service.dropReadModels();
    const replay = await service.cli('replay');
    expect({ status: replay.status, err: replay.status === 0 ? '' : replay.err.slice(-2000) }).toEqual({ status: 0, err: '' });
    await service.start();
    expect((await listed()).data!.cases.totalCount).toBe(total);
  }, 120_000);
});
