import { randomUUID } from 'node:crypto';
import { localDateOf } from '../../src/core/dates';
import { periodOf, previousPeriod } from '../../src/modules/scoring/domain/periods';
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
    const res = await service.gql(
      `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`,
      { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'] } },
      staff(),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.submitCase.case.id as string;
  };
  const listed = async () => {
    const res = await service.gql(
      '{ cases(filter: { center: "c1" }, first: 1) { totalCount } deadlines(filter: { center: "c1" }, first: 5) { totalCount } }',
      {},
      leader(),
    );
    return res;
  };

  it('keeps answering queries and commands while every read model is rebuilt, and ends with the same answers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = await submit();
      ids.push(id);
      if (i % 2 === 0)
        await service.gql(
          `mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { position } }`,
          { input: { commandId: randomUUID(), caseId: id } },
          staff(),
        );
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

  it('starts at once on a log whose read models are gone, refuses their queries with READ_MODEL.REBUILDING, and answers again once rebuilt', async () => {
    // A log long enough for the rebuild to take a moment: a few weeks of a busy center.
    await service.stop();
    const simulated = await service.cli('simulate', '--days', '30', '--cases-per-day', '300', '--seed', '7');
    expect({ status: simulated.status, err: simulated.status === 0 ? '' : simulated.err.slice(-2000) }).toEqual({ status: 0, err: '' });
    service.setEnv({ CASETRAIL_BACKGROUND_REBUILD_FROM: '1000000000' }); // this once, caught up before listening
    await service.start();
    const expected = (await listed()).data!;
    const catalog = (await service.gql('{ catalog { code } }', {}, staff())).data!.catalog.length as number;

    await service.stop();
    await service.dropReadModels();
    service.setEnv({ CASETRAIL_BACKGROUND_REBUILD_FROM: '0' });
    await service.start();
    // From the first answer on, the service is ready (a rebuild does not make it unready), and a query
    // gets either the rebuilt answer or READ_MODEL.REBUILDING with how far along it is, nothing else.
    const ready = await fetch(`${service.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    const during = (await ready.json()) as { info: { projections: { rebuilding?: Array<{ readModels: string[]; percent: number }> } } };
    // About 36,000 events take seconds to apply; the service answered within a fraction of one.
    expect(during.info.projections.rebuilding).toEqual([
      expect.objectContaining({ readModels: expect.arrayContaining(['case-list', 'service-items']), percent: expect.any(Number) }),
    ]);
    let refused = 0;
    await eventually(
      async () => {
        const res = await listed();
        if (res.errors) {
          for (const e of res.errors as Array<{ extensions?: unknown }>)
            expect(e.extensions).toMatchObject({ code: 'READ_MODEL.REBUILDING', details: { percent: expect.any(Number) } });
          refused++;
          throw new Error('still rebuilding');
        }
        expect(res.data).toEqual(expected);
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    );
    expect(refused).toBeGreaterThan(0);
    const after = (await (await fetch(`${service.baseUrl}/health/ready`)).json()) as { info: { projections: { rebuilding?: unknown } } };
    expect(after.info.projections.rebuilding).toBeUndefined();
    // Once the catalog is back it is not empty, so nothing is published again.
    expect((await service.gql('{ catalog { code } }', {}, staff())).data!.catalog).toHaveLength(catalog);
    service.setEnv({ CASETRAIL_BACKGROUND_REBUILD_FROM: '10000' });
  }, 300_000);

  it('on the simulated weeks, no failing window or staff member holds an honour (SPEC §6: honours need a pass)', async () => {
    // The month before this one is simulated through (30 days of 300 cases up to today).
    const period = previousPeriod(periodOf(localDateOf(new Date()), 'month'));
    const res = await service.gql(
      `query($p: String!) { scoreboard(center: "c1", period: $p) {
          windows { subject total grade redFlag excellent honourBar { reason } }
          staff { subject total grade redFlag excellent honourBar { reason } } } }`,
      { p: period },
      leader(),
    );
    expect(res.errors).toBeUndefined();
    type Entry = {
      subject: string;
      total: number;
      grade: string;
      redFlag: boolean;
      excellent: boolean;
      honourBar: { reason: string } | null;
    };
    const { windows, staff } = res.data!.scoreboard as { windows: Entry[]; staff: Entry[] };
    const everyone = [...windows, ...staff];
    // The simulated traffic has late completions enough to fail some, so the check below has something to check.
    expect(everyone.filter((e) => e.grade !== '合格').length).toBeGreaterThan(0);
    expect(everyone.filter((e) => e.redFlag || e.excellent).length).toBeGreaterThan(0);
    const honouredWithoutPass = everyone.filter((e) => (e.redFlag || e.excellent) && (e.grade !== '合格' || e.honourBar !== null));
    expect(honouredWithoutPass).toEqual([]);
    for (const e of everyone.filter((x) => x.grade !== '合格')) expect(e.honourBar).toEqual({ reason: 'GRADE' });
  }, 120_000);
});
