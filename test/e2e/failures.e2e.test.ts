import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../support/eventually';
import { describeWithPostgres, POSTGRES_URL } from '../support/postgres';
import { TestService } from '../support/service';
import { TcpProxy } from '../support/tcp-proxy';

const SUBMIT = `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`;
const applicant = { name: '张三', idNumber: '11010519491231002X' };

async function admin(sql: string) {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describeWithPostgres('failure behaviour: the PostgreSQL connection lost and found again', () => {
  const database = `casetrail_fail_${randomUUID().slice(0, 8)}`;
  const proxy = new TcpProxy(Number(new URL(POSTGRES_URL).port || 5432));
  let service: TestService;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    await proxy.start();
    const url = new URL(POSTGRES_URL);
    url.port = String(proxy.port);
    url.pathname = `/${database}`;
    service = new TestService({ EVENT_STORE_URL: url.toString(), CASETRAIL_DEADLINE_CHECK_SECONDS: '0' });
  });
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
    await proxy.cut();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  const submit = () => service.gql(SUBMIT, { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant } });
  const health = async () => {
    const res = await fetch(`${service.baseUrl}/health/ready`);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('an unreachable store fails start-up with a clear message', async () => {
    await proxy.cut();
    await expect(service.start()).rejects.toThrow(
      /Cannot open the PostgreSQL event store at postgres:\/\/.*127\.0\.0\.1:\d+\/casetrail_fail_/,
    );
    await proxy.restore();
  }, 60_000);

  it('refuses commands with a clear code while the store is away, reports it, and recovers losing nothing', async () => {
    const logFrom = service.output.length; // what the failed start-up above logged is not this test's
    await service.start();
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) acknowledged.push((await submit()).data!.submitCase.case.id);

    await proxy.cut(); // every connection to PostgreSQL drops, new ones are refused
    const during = await submit();
    expect(during.errors![0].extensions!.code).toBe('STORE.UNAVAILABLE');
    // Reads say the same, not INTERNAL: a list (a read model) and one case (its stream).
    const list = await service.gql(`{ cases(first: 5) { totalCount } }`);
    expect(list.errors![0].extensions!.code).toBe('STORE.UNAVAILABLE');
    const one = await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: acknowledged[0] });
    expect(one.errors![0].extensions!.code).toBe('STORE.UNAVAILABLE');
    await eventually(async () => {
      const h = await health();
      expect(h.status).toBe(503);
      expect(h.body.error.eventStore).toMatchObject({ status: 'down', kind: 'postgres' });
    });

    await proxy.restore();
    await eventually(async () => expect((await health()).status).toBe(200), { timeoutMs: 30_000, intervalMs: 250 });
    const after = await eventually(
      async () => {
        const res = await submit();
        expect(res.errors).toBeUndefined();
        return res.data!.submitCase.case.id as string;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    acknowledged.push(after);

    // The outage is logged as warnings (the store's state), not as errors with stack traces (bugs).
    const logged = service.output
      .slice(logFrom)
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logged.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
    expect(logged.some((l) => l.level === 40 && /STORE\.UNAVAILABLE/.test(l.msg))).toBe(true);

    // Every acknowledged case is there, and the read models followed the log again.
    for (const id of acknowledged)
      expect((await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id })).data!.case).toEqual({ id });
    await eventually(
      async () => {
        const list = await service.gql(`{ cases(first: 100) { edges { node { id } } } }`);
        expect(list.data!.cases.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([...acknowledged].sort());
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  }, 120_000);
});
