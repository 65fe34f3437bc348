import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { isResidentIdNumber } from '../../src/modules/cases/domain/applicant';
import { eventually } from '../support/eventually';
import { kafkaAvailability, KafkaBroker } from '../support/kafka-broker';
import { LiveSubscription, subscribe } from '../support/live-client';
import { TestService } from '../support/service';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** A resident identity number (GB 11643) with its check character. */
const residentId = (region: string, birth: string, sequence: number) => {
  const body = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return body + CHECK[[...body].reduce((sum, digit, i) => sum + Number(digit) * WEIGHTS[i], 0) % 11];
};
const idNumbers = fc
  .record({
    region: fc.constantFrom('110105', '320102', '440305', '510104', '330106', '420111'),
    birth: fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2005-12-31T00:00:00Z'), noInvalidDate: true }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, sequence }) => residentId(region, birth.toISOString().slice(0, 10).replace(/-/g, ''), sequence));
const phones = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => a + b);
const people = fc.record({ name: fc.constantFrom('张三', '李四', '王五', '赵六', '欧阳娜娜'), idNumber: idNumbers, phone: phones });

const TOPIC = 'casetrail.cases';

/**
 * Where a broker and kcat are at hand, the Kafka topic is searched too; elsewhere the rest runs and says
 * what it left out. CI requires them (CASETRAIL_REQUIRE_KAFKA).
 */
const kafka = kafkaAvailability({ readWithKcat: true });
if (!kafka.ok && !process.env.CASETRAIL_REQUIRE_KAFKA)
  console.warn(`SKIPPED the Kafka channel of the personal-data property: ${kafka.reason}`);

/**
 * Full identity and phone numbers appear only on the privileged path (revealPersonalData). Generated
 * applicants go through every kind of request, and every response, subscription payload, log line of
 * the service and message on the Kafka topic (read back with kcat) is searched for their numbers.
 */
describe(`personal data never leaks outside the privileged path (property, end to end${kafka.ok ? '' : `; Kafka skipped: ${kafka.reason}`})`, () => {
  const broker = kafka.ok ? new KafkaBroker() : null;
  let service: TestService;
  const responses: unknown[] = [];
  const privileged: unknown[] = [];
  const generated: Array<{ idNumber: string; phone: string }> = [];
  let subscriptions: LiveSubscription<unknown>[] = [];

  beforeAll(async () => {
    if (!kafka.ok && process.env.CASETRAIL_REQUIRE_KAFKA) throw new Error(`CASETRAIL_REQUIRE_KAFKA is set: ${kafka.reason}`);
    await broker?.start();
    service = new TestService({ ...(broker ? { KAFKA_BROKERS: broker.brokers, KAFKA_TOPIC: TOPIC } : {}), LOG_LEVEL: 'debug' });
    await service.start();
  }, 90_000);
  afterAll(async () => {
    await Promise.all(subscriptions.map((s) => s.stop()));
    await service?.stop();
    await service?.cleanup();
    await broker?.destroy();
  }, 60_000);

  const staff = () => service.token();
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const oversight = () => service.token('oversight', 'inspector-1', { centers: ['c1'] });
  const citizen = () => service.token('applicant', 'citizen-1', {});
  const call = async (query: string, variables: Record<string, unknown>, token: string, into = responses) => {
    const res = await service.gql(query, variables, token);
    into.push(res);
    return res;
  };
  const act = (name: string, type: string, input: Record<string, unknown>, token = staff()) =>
    call(
      `mutation($input: ${type}!) { ${name}(input: $input) { case { id receiptNo applicant { name idNumber phone } history { type data actor { id } } } } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );

  async function handle(person: { name: string; idNumber: string; phone: string }) {
    generated.push(person);
    const submitted = await act('submitCase', 'SubmitCaseInput', {
      itemCode: 'MZ-DB-001',
      applicant: { ...person, kind: 'PERSON' },
      materials: ['书面申请'],
    });
    const { id: caseId, receiptNo } = submitted.data!.submitCase.case;
    await act('requestSupplement', 'RequestSupplementInput', { caseId, missingMaterials: ['户口簿'] });
    await act('receiveSupplement', 'ReceiveSupplementInput', { caseId, materials: ['户口簿'] });
    await act('acceptCase', 'AcceptCaseInput', { caseId });
    await act('recordStep', 'RecordStepInput', { caseId, step: '村委会初审', opinion: `申请人${person.name}材料齐全` });
    await act('completeCase', 'CompleteCaseInput', { caseId, outcome: 'APPROVED' });
    await act('deliverResult', 'DeliverResultInput', { caseId, method: 'PICKUP', recipient: person.name });
    for (const token of [staff(), leader(), oversight()]) {
      await call(`query($id: ID!) { case(id: $id) { applicant { idNumber phone } history { data } } }`, { id: caseId }, token);
      await call(`query($r: String!) { caseByReceiptNo(receiptNo: $r) { applicant { idNumber phone } } }`, { r: receiptNo }, token);
      await call(
        `{ cases(first: 50) { edges { node { applicant { idNumber phone } history { data } } } } deadlines(first: 50) { edges { node { applicant { idNumber } } } } }`,
        {},
        token,
      );
    }
    await call(
      `query($r: String!, $s: String!) { caseProgress(receiptNo: $r, idNumberLast6: $s) { receiptNo steps { type } } }`,
      { r: receiptNo, s: person.idNumber.slice(-6) },
      citizen(),
    );
    const consultation = await call(
      `mutation($input: RecordConsultationInput!) { recordConsultation(input: $input) { consultation { id visitorPhone } } }`,
      { input: { commandId: randomUUID(), visitorName: person.name, visitorPhone: person.phone, topic: '咨询低保' } },
      staff(),
    );
    await call(
      `query($id: ID!) { consultation(id: $id) { visitorPhone } }`,
      { id: consultation.data!.recordConsultation.consultation.id },
      leader(),
    );
    // A complaint by the same person: who complained is shown only masked, and only to those handling it.
    const complaint = await call(
      `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id complainant { phone idNumber } } } }`,
      {
        input: {
          commandId: randomUUID(),
          center: 'c1',
          channel: 'PHONE',
          about: { caseId, window: 'civil-affairs' },
          complainant: { name: person.name, phone: person.phone, idNumber: person.idNumber },
          matter: '办理太慢',
        },
      },
      citizen(),
    );
    const complaintId = complaint.data!.fileComplaint.complaint.id;
    for (const token of [leader(), oversight(), staff()])
      await call(`query($id: ID!) { complaint(id: $id) { complainant { name phone idNumber } matter } }`, { id: complaintId }, token);
    await call(`{ complaints(center: "c1", first: 50) { edges { node { complainant { phone idNumber } } } } }`, {}, leader());
    // Wrong input carrying a number: the error must not repeat it.
    const corrupted = person.idNumber.slice(0, 17) + (person.idNumber[17] === '0' ? '1' : '0');
    generated.push({ idNumber: corrupted, phone: person.phone });
    const refused = await act('submitCase', 'SubmitCaseInput', {
      itemCode: 'MZ-DB-001',
      applicant: { name: person.name, idNumber: corrupted, phone: person.phone },
      materials: [],
    });
    expect(refused.errors![0].extensions!.code).toBe('VALIDATION.FAILED');
    // The privileged path: full numbers, recorded.
    const revealed = await call(
      `mutation($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { idNumber phone } }`,
      { input: { commandId: randomUUID(), caseId, reason: '核对身份证原件' } },
      staff(),
      privileged,
    );
    expect(revealed.data!.revealPersonalData).toEqual({ idNumber: person.idNumber, phone: person.phone });
  }

  it('finds no full identity or phone number in any response, subscription, log line or Kafka message', async () => {
    subscriptions = [
      subscribe(
        service.baseUrl + '/graphql',
        leader(),
        'subscription { centerEvents(center: "c1", after: "-1") { type data actor { id } } }',
      ),
      subscribe(service.baseUrl + '/graphql', oversight(), 'subscription { centerEvents(center: "c1", after: "-1") { type data } }'),
      subscribe(service.baseUrl + '/graphql', staff(), 'subscription { centerEvents(center: "c1", after: "-1") { type data } }'),
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(people, { minLength: 1, maxLength: 3 }), async (batch) => {
        for (const person of batch) {
          expect(isResidentIdNumber(person.idNumber)).toBe(true);
          await handle(person);
        }
      }),
      { numRuns: 6 },
    );
    const cases = generated.length / 2;
    // Every case's events reached the subscribers and the topic before the search.
    await eventually(
      () => expect(subscriptions[0].received.filter((e) => (e as { type: string }).type === 'ResultDelivered')).toHaveLength(cases),
      { timeoutMs: 20_000 },
    );
    const topic = broker
      ? await eventually(
          () => {
            const out = spawnSync('kcat', ['-b', broker.brokers, '-C', '-t', TOPIC, '-o', 'beginning', '-e', '-q'], {
              encoding: 'utf8',
              timeout: 30_000,
            });
            expect(out.status).toBe(0);
            expect(out.stdout.match(/casetrail\.case\.delivered\.v1/g) ?? []).toHaveLength(cases);
            return out.stdout;
          },
          { timeoutMs: 30_000, intervalMs: 500 },
        )
      : null;

    const channels = {
      responses: JSON.stringify(responses),
      subscriptions: JSON.stringify(subscriptions.map((s) => [s.received, s.errors])),
      logs: service.output,
      ...(topic === null ? {} : { kafka: topic }),
    };
    // The search is not vacuous: the data went through every channel, masked.
    expect(channels.responses).toContain(`${generated[0].idNumber.slice(0, 4)}**********${generated[0].idNumber.slice(-4)}`);
    expect(channels.subscriptions).toContain(`${generated[0].phone.slice(0, 3)}****${generated[0].phone.slice(-4)}`);
    expect(channels.logs.length).toBeGreaterThan(0);
    for (const [channel, text] of Object.entries(channels)) {
      const upper = text.toUpperCase();
      for (const { idNumber, phone } of generated) {
        expect([channel, upper.includes(idNumber)]).toEqual([channel, false]);
        expect([channel, text.includes(phone)]).toEqual([channel, false]);
      }
    }
    // And the privileged path did show them.
    expect(JSON.stringify(privileged)).toContain(generated[0].idNumber);
  }, 180_000);
});
