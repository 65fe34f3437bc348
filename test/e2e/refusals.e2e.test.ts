import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/infrastructure/auth/tokens';
import { documentedPolicy, PRINCIPALS } from '../support/policy';
import { TestService } from '../support/service';

/**
 * A refused command records nothing: no event, no receipt number, nothing. Every mutation of the schema
 * is sent generated input, typed by the schema but chosen to be wrong more often than right (unknown ids,
 * future or unexplained past times, identity numbers with a bad check digit, empty and oversized text,
 * out-of-range numbers); whenever the answer is an error, the log's head must not have moved.
 */

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputField {
  name: string;
  type: TypeRef;
}
interface SchemaType {
  name: string;
  kind: string;
  inputFields: InputField[] | null;
  enumValues: Array<{ name: string }> | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const MUTATIONS = `{ __schema { mutationType { fields { name args { name type { ${TYPE_REF} } } } } } }`;
const TYPES = `{ __schema { types { name kind inputFields { name type { ${TYPE_REF} } } enumValues { name } } } }`;

/** A resident identity number whose check character is wrong. */
const BAD_ID = '110105194912310021';
const GOOD_ID = '11010519491231002X';

describe('a refused mutation records nothing (property over every mutation)', () => {
  // No background writers: the log's head moves only by what the requests record. Introspecting nested
  // list types takes a depth of 9.
  const service = new TestService({
    CASETRAIL_DEADLINE_CHECK_SECONDS: '0',
    CASETRAIL_AUDIT_CHECKPOINT_SECONDS: '0',
    CASETRAIL_MAX_QUERY_DEPTH: '10',
  });
  const policy = documentedPolicy();
  const seeds: Record<string, string[]> = {
    caseId: [],
    complaintId: [],
    ratingId: [],
    receiptNo: [],
    itemCode: ['MZ-DB-001', 'LY-LQ-001', 'NO-SUCH-ITEM'],
  };
  let types: Map<string, SchemaType>;
  let mutations: Array<{ name: string; input: TypeRef }>;

  beforeAll(async () => {
    await service.start();
    const introspect = async (query: string) => {
      const res = await service.gql(query);
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.__schema;
    };
    types = new Map((await introspect(TYPES)).types.map((t: SchemaType) => [t.name, t]));
    mutations = (await introspect(MUTATIONS)).mutationType.fields.map(
      (f: { name: string; args: Array<{ name: string; type: TypeRef }> }) => ({
        name: f.name,
        input: f.args.find((a) => a.name === 'input')!.type,
      }),
    );
    // Real targets, so that refusals come from the rules and not only from unknown ids.
    const submit = `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id receiptNo } } }`;
    for (const step of ['submitted', 'accepted']) {
      const c = (
        await service.ok(submit, {
          input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant: { name: '张三', idNumber: GOOD_ID } },
        })
      ).case;
      seeds.caseId.push(c.id);
      seeds.receiptNo.push(c.receiptNo);
      if (step === 'accepted')
        await service.ok(`mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { case { id } } }`, {
          input: { commandId: randomUUID(), caseId: c.id },
        });
    }
    const complaint = await service.ok(
      `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } } }`,
      {
        input: {
          commandId: randomUUID(),
          center: 'c1',
          channel: 'PHONE',
          about: { window: 'civil-affairs' },
          complainant: { name: '李四', phone: '13900139000' },
          matter: '窗口无人',
        },
      },
      service.token('center_leader', 'leader-1', { center: 'c1' }),
    );
    seeds.complaintId.push(complaint.complaint.id);
    seeds.caseId.push(randomUUID());
    seeds.complaintId.push(randomUUID());
    seeds.ratingId.push(randomUUID());
  }, 120_000);
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  /** A token of the first role the documented policy lets run the mutation, so the rules are reached. */
  const tokenFor = (mutation: string): string => {
    const cells = policy.get(`Mutation.${mutation}`) ?? {};
    const role = (Object.keys(cells).find((r) => cells[r] !== '—') ?? 'staff') as Exclude<Role, 'system'>;
    const { user, ...extra } = PRINCIPALS[role];
    return service.token(role, user, extra);
  };

  const text = fc.oneof(fc.constantFrom('', '   ', '同意', '需现场核查', 'x'.repeat(5000)), fc.string({ maxLength: 20 }));
  const instant = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 60, max: 60 * 24 * 30 }).map((m) => new Date(Date.now() + m * 60_000).toISOString()), // future
    fc.integer({ min: 30, max: 60 * 24 * 400 }).map((m) => new Date(Date.now() - m * 60_000).toISOString()), // past, maybe unexplained
  );

  /** Values for an input type, by the field's name where the name says more than its type. */
  function valueOf(type: TypeRef, field: string, depth = 0): fc.Arbitrary<unknown> {
    if (type.kind === 'NON_NULL') return valueOf(type.ofType!, field, depth);
    const nullable = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
    if (type.kind === 'LIST') return nullable(fc.array(valueOf(type.ofType!, field, depth + 1), { maxLength: 3 }));
    if (type.kind === 'ENUM') return fc.constantFrom(...types.get(type.name!)!.enumValues!.map((v) => v.name));
    if (type.kind === 'INPUT_OBJECT') {
      if (depth > 3) return fc.constant(null);
      const fields = types.get(type.name!)!.inputFields!;
      return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, f.name, depth + 1)])));
    }
    if (field === 'commandId') return fc.constant(null).map(() => randomUUID());
    if (field in seeds) return fc.constantFrom(...seeds[field]);
    if (field === 'idNumber') return fc.constantFrom(BAD_ID, GOOD_ID, '123', '');
    if (field === 'center') return fc.constantFrom('c1', 'c2', '');
    if (field === 'window') return fc.constantFrom('civil-affairs', 'forestry', '');
    switch (type.name) {
      case 'DateTime':
        return instant;
      case 'Date':
        return fc.constantFrom('2026-02-30', '2026-12-31', '1900-01-01', 'soon');
      case 'Int':
        return fc.constantFrom(-5, 0, 1, 3, 11, 1000, 2_147_483_647);
      case 'Float':
        return fc.constantFrom(-1, 0, 0.5, 1e9);
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return fc.constantFrom(...seeds.caseId, randomUUID());
      default:
        return text;
    }
  }

  it('no refusal of any mutation moves the log head; and each mutation was refused at least once', async () => {
    const refusedCount = new Map<string, number>();
    const input = fc
      .constantFrom(...mutations)
      .chain((m) => valueOf(m.input, 'input').map((value) => ({ mutation: m.name, type: m.input, value })));
    await fc.assert(
      fc.asyncProperty(input, async ({ mutation, type, value }) => {
        const typeName = type.kind === 'NON_NULL' ? type.ofType!.name : type.name;
        const before = await service.logHead();
        const res = await service.gql(
          `mutation($input: ${typeName}!) { ${mutation}(input: $input) { __typename } }`,
          { input: value },
          tokenFor(mutation),
        );
        if (!res.errors) return;
        refusedCount.set(mutation, (refusedCount.get(mutation) ?? 0) + 1);
        const after = await service.logHead();
        expect([mutation, res.errors[0].extensions?.code, after]).toEqual([mutation, res.errors[0].extensions?.code, before]);
      }),
      { numRuns: 400 },
    );
    expect(mutations.filter((m) => !refusedCount.get(m.name)).map((m) => m.name)).toEqual([]);
  }, 300_000);

  it('in particular, a submission with a bad identity number or a future time issues no receipt number', async () => {
    const submit = `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { receiptNo } } }`;
    const before = await service.logHead();
    for (const wrong of [
      { applicant: { name: '张三', idNumber: BAD_ID } },
      { applicant: { name: '张三', idNumber: GOOD_ID }, occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
    ]) {
      const res = await service.gql(submit, { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', ...wrong } });
      expect(res.errors![0].extensions!.code).toBe('VALIDATION.FAILED');
    }
    expect(await service.logHead()).toBe(before);
    // The next case takes the next number: no gap.
    const last = Number(seeds.receiptNo.at(-1)!.split('-').at(-1));
    const next = (
      await service.ok(submit, {
        input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant: { name: '张三', idNumber: GOOD_ID } },
      })
    ).case.receiptNo as string;
    expect(Number(next.split('-').at(-1))).toBe(last + 1);
  });
});
