import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X' };
type Ready = { status: string; details: { projections: { status: string; position: string; role?: string } } };
const readiness = async (service: TestService) => {
  const res = await fetch(`${service.baseUrl}/health/ready`);
  return { status: res.status, body: (await res.json()) as Ready };
};
/** What each instance logged as an error: two instances as one log nothing of the kind. */
const errorsIn = (service: TestService) =>
  service.output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string })
    .filter((l) => l.level >= 50)
    .map((l) => l.msg);

describe('two instances on one store, as one service', () => {
  const started: TestService[] = [];
  /** Whether readiness is being polled; a failed test stops it too. */
  let polling = false;
  afterEach(async () => {
    polling = false;
    for (const s of started.splice(0).reverse()) {
      await s.kill();
      await s.cleanup();
    }
  });

  it('start at the same moment on an empty store, three times out of three', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const first = new TestService();
      // The sibling shares the store: it is chosen before either starts.
      const second = first.sibling();
      started.push(first, second);
      await Promise.all([first.start(), second.start()]);
      const [a, b] = await Promise.all([readiness(first), readiness(second)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect([a.body.details.projections.role, b.body.details.projections.role].sort()).toEqual(['following', 'projecting']);
      expect([...errorsIn(first), ...errorsIn(second)]).toEqual([]);
      for (const s of started.splice(0).reverse()) {
        await s.kill();
        await s.cleanup();
      }
    }
  });

  it('run under load on both, and when the projecting one is killed the other takes over: nothing acknowledged is lost or doubled', async () => {
    const first = new TestService();
    const second = first.sibling();
    started.push(first, second);
    await Promise.all([first.start(), second.start()]);
    const roles = await Promise.all([readiness(first), readiness(second)]);
    const [projecting, following] = roles[0].body.details.projections.role === 'projecting' ? [first, second] : [second, first];

    // Readiness of both, polled all along: a follower is as ready as the one projecting. The killed
    // one's answers count until it is killed.
    const statuses: number[] = [];
    polling = true;
    let killing = false;
    const poll = (async () => {
      while (polling) {
        for (const s of [first, second]) {
          const status = (await readiness(s).catch(() => ({ status: 0 }))).status;
          if (!(s === projecting && killing)) statuses.push(status);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const acknowledged: string[] = [];
    const submit = async (service: TestService) => {
      const res = await service.gql(`mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`, {
        input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant },
      });
      if (res.data?.submitCase) acknowledged.push(res.data.submitCase.case.id as string);
      return res;
    };
    // Load on both, four at a time.
    for (let round = 0; round < 10; round++) await Promise.all([submit(first), submit(second), submit(first), submit(second)]);
    expect(acknowledged).toHaveLength(40);
    // What one wrote, the other reads: one set of read models.
    await eventually(async () => {
      const count = (s: TestService) =>
        s.ok('query { cases(filter: { center: "c1" }) { totalCount } }', {}, s.token('center_leader', 'leader-c1', { center: 'c1' }));
      expect((await count(following)).totalCount).toBe(40);
      expect((await count(projecting)).totalCount).toBe(40);
    });

    killing = true;
    await projecting.kill();
    for (let round = 0; round < 5; round++) await Promise.all([submit(following), submit(following)]);
    expect(acknowledged).toHaveLength(50);
    // The survivor takes the lease once it lapses, and applies what was written meanwhile.
    await eventually(
      async () => {
        const ready = await readiness(following);
        expect(ready.body.details.projections.role).toBe('projecting');
        const list = await following.ok(
          'query { cases(filter: { center: "c1" }, first: 100) { totalCount edges { node { id } } } }',
          {},
          following.token('center_leader', 'leader-c1', { center: 'c1' }),
        );
        expect(list.totalCount).toBe(50);
        expect(new Set(list.edges.map((e: { node: { id: string } }) => e.node.id))).toEqual(new Set(acknowledged));
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    polling = false;
    await poll;
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(errorsIn(following)).toEqual([]);
  });
});
