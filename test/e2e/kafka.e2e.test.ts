import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { describeWithKafka, KafkaBroker } from '../support/kafka-broker';
import { TestService } from '../support/service';

const TOPIC = 'casetrail.cases';
/** Domain events that are internal to the center and not part of the integration contract. */
const INTERNAL = new Set(['CaseReassigned', 'ExtensionRequested', 'ExtensionDenied']);

/** Reads the whole topic with kcat, a Kafka client this project did not write: key and value per message. */
function readWithKcat(
  brokers: string,
): Array<{ key: string; value: { id: string; type: string; caseId: string; position: string; data: Record<string, unknown> } }> {
  const out = spawnSync('kcat', ['-b', brokers, '-C', '-t', TOPIC, '-o', 'beginning', '-e', '-q', '-f', '%k\\t%s\\n'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (out.status !== 0) throw new Error(`kcat failed: ${out.stderr}`);
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [key, value] = line.split('\t');
      return { key, value: JSON.parse(value) };
    });
}

describeWithKafka(
  'integration events on Kafka, read back with kcat',
  () => {
    const broker = new KafkaBroker();
    let service: TestService;
    beforeAll(async () => {
      await broker.start();
      service = new TestService({ KAFKA_BROKERS: broker.brokers, KAFKA_TOPIC: TOPIC });
      await service.start();
    }, 90_000);
    afterAll(async () => {
      await service?.stop();
      await service?.cleanup();
      await broker.destroy();
    });

    const act = (name: string, type: string, input: Record<string, unknown>) =>
      service.ok(`mutation($input: ${type}!) { ${name}(input: $input) { case { id } } }`, { input: { commandId: randomUUID(), ...input } });
    const walk = async () => {
      const caseId = (
        await act('submitCase', 'SubmitCaseInput', {
          itemCode: 'MZ-DB-001',
          applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
        })
      ).case.id as string;
      await act('acceptCase', 'AcceptCaseInput', { caseId });
      await act('recordStep', 'RecordStepInput', { caseId, step: '村委会初审', opinion: '同意' });
      await act('reassignCase', 'ReassignCaseInput', { caseId, toStaffId: 'staff-b', asCover: true, reason: 'A岗请假' });
      await act('completeCase', 'CompleteCaseInput', { caseId, outcome: 'APPROVED' });
      return caseId;
    };
    const published = async (caseId: string) =>
      (
        (await service.gql(`query($id: ID!) { case(id: $id) { history { position type } } }`, { id: caseId })).data!.case.history as Array<{
          position: string;
          type: string;
        }>
      )
        .filter((h) => !INTERNAL.has(h.type))
        .map((h) => h.position);

    it('cases handled over GraphQL appear on the topic in per-case order, each once after de-duplication, across a restart', async () => {
      const before = [await walk(), await walk()];
      await service.restart(); // the publisher stops and starts again from its checkpoint
      const after = [await walk(), await walk()];
      const cases = [...before, ...after];
      const expected = new Map(await Promise.all(cases.map(async (id) => [id, await published(id)] as const)));
      const total = [...expected.values()].reduce((n, p) => n + p.length, 0);

      const messages = await eventually(
        () => {
          const read = readWithKcat(broker.brokers).filter((m) => cases.includes(m.key));
          expect(new Set(read.map((m) => m.value.id)).size).toBe(total);
          return read;
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      const unique = new Map(messages.map((m) => [m.value.id, m]));
      for (const [caseId, positions] of expected) {
        const ofCase = [...unique.values()].filter((m) => m.key === caseId);
        expect(ofCase.every((m) => m.value.caseId === caseId)).toBe(true);
        expect(ofCase.map((m) => m.value.position)).toEqual(positions); // in order, none missing
      }
      expect(messages[0].value.type).toMatch(/^casetrail\.case\.[a-z_]+\.v1$/);
      expect(JSON.stringify(messages)).not.toMatch(/张三|11010519491231002X|13800138000/);

      const health = (await (await fetch(`${service.baseUrl}/health`)).json()) as { info: Record<string, unknown> };
      expect(health.info.kafka).toMatchObject({ status: 'up', state: 'running', lag: '0' });
      const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^casetrail_kafka_lag_events 0$/m);
      expect(metrics).toMatch(/^casetrail_kafka_publishing 1$/m);
    }, 120_000);
  },
  { readWithKcat: true },
);
