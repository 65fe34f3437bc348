import { randomUUID } from 'node:crypto';
import { TestService } from '../support/service';

const SUBMIT = `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`;
const applicant = { name: '王五', idNumber: '11010519491231002X' };

describe('graceful shutdown (SIGTERM while commands are in flight)', () => {
  const service = new TestService();
  afterAll(() => service.cleanup());

  it('finishes or refuses every request, and keeps every case it acknowledged', async () => {
    await service.start();
    const token = service.token();
    const send = () =>
      service.gql(SUBMIT, { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant } }, token).then(
        (res) => ({ kind: 'answered' as const, res }),
        (error: Error) => ({ kind: 'connection' as const, error }),
      );
    const inFlight = Array.from({ length: 200 }, send);
    await Promise.race(inFlight); // the server is busy with the rest
    const exit = service.stop();
    const outcomes = await Promise.all(inFlight);
    expect(await exit).toBe(0);

    const acknowledged = outcomes.flatMap((o) => (o.kind === 'answered' && o.res.data ? [o.res.data.submitCase.case.id as string] : []));
    const refused = outcomes.filter((o) => o.kind === 'answered' && !o.res.data);
    for (const o of refused) if (o.kind === 'answered') expect(o.res.errors![0].extensions!.code).toBe('SERVICE.SHUTTING_DOWN');
    expect(acknowledged.length).toBeGreaterThan(1);
    expect(acknowledged.length + refused.length).toBeGreaterThan(0);

    await service.start();
    for (const id of acknowledged) {
      const res = await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id }, token);
      expect(res.data!.case).toEqual({ id });
    }
    await service.stop();
  }, 60_000);
});
