import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse, specifiedRules, subscribe, validate } from 'graphql';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY } from '../../src/core/access-policy';
import { renderPolicyTable, withPolicyTable } from '../../src/cli/security-doc';
import { guardSchema, operationsOf, withTimeout } from '../../src/infrastructure/graphql/guarded-schema';
import { DEFAULT_REQUEST_LIMITS } from '../../src/config';
import { limitRules } from '../../src/infrastructure/graphql/hardening';

const ROOT = join(__dirname, '../..');
const sdl = readdirSync(join(ROOT, 'schema')).map((f) => readFileSync(join(ROOT, 'schema', f), 'utf8'));

describe('the access policy and the schema', () => {
  const schema = makeExecutableSchema({ typeDefs: sdl });

  it('has exactly one policy row per operation of the schema', () => {
    expect(operationsOf(schema).sort()).toEqual(Object.keys(POLICY).sort());
  });

  it('is documented in docs/security.md exactly as the code has it (npm run docs:security)', () => {
    const doc = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');
    expect(doc).toContain(renderPolicyTable());
    expect(withPolicyTable(doc)).toBe(doc);
  });
});

describe('guarded schema', () => {
  const typeDefs =
    'type Query { calendarStatus: String, case(id: ID!): String } type Mutation { publishServiceItem: String } type Subscription { caseEvents(caseId: ID!): String }';
  let calls = 0;
  const resolvers = {
    Query: { calendarStatus: () => (calls++, 'ok'), case: () => (calls++, new Promise(() => undefined)) },
    Mutation: { publishServiceItem: () => (calls++, 'published') },
    Subscription: {
      caseEvents: {
        subscribe: async function* () {
          calls++;
          yield { caseEvents: 'e' };
        },
      },
    },
  };
  const guarded = guardSchema(makeExecutableSchema({ typeDefs, resolvers }), { timeoutMs: 50 });
  const run = (query: string, role: string) =>
    execute({
      schema: guarded,
      document: parse(query),
      contextValue: { actor: { id: 'u', role, center: 'c1', window: 'w1' }, expiresAt: new Date(Date.now() + 60_000) },
    });
  beforeEach(() => (calls = 0));

  it('refuses to start when an operation has no policy row', () => {
    const schema = makeExecutableSchema({ typeDefs: 'type Query { secretReport: String }' });
    expect(() => guardSchema(schema, { timeoutMs: 50 })).toThrow('No access policy for Query.secretReport');
  });

  it('records an oversight read before answering it, and does not answer a read it could not record', async () => {
    const recorded: string[] = [];
    let failing = false;
    const watched = guardSchema(makeExecutableSchema({ typeDefs, resolvers }), {
      timeoutMs: 50,
      recordRead: async (operation, args, actor) => {
        if (failing) throw new Error('store unavailable');
        recorded.push(`${actor.id} ${operation} ${JSON.stringify(args)} after ${calls} resolver calls`);
      },
    });
    const as = (role: string, query: string) =>
      execute({
        schema: watched,
        document: parse(query),
        contextValue: { actor: { id: `${role}-1`, role, centers: ['c1'] }, expiresAt: new Date(Date.now() + 60_000) },
      });
    expect((await as('oversight', '{ calendarStatus }')).data).toEqual({ calendarStatus: 'ok' });
    expect((await as('staff', '{ calendarStatus }')).data).toEqual({ calendarStatus: 'ok' });
    expect(recorded).toEqual(['oversight-1 Query.calendarStatus {} after 0 resolver calls']);
    failing = true;
    const refused = await as('oversight', '{ calendarStatus }');
    expect(refused.errors?.[0].message).toBe('store unavailable');
    expect(calls).toBe(2);
  });

  it('checks the role before the resolver runs', async () => {
    const refused = await run('mutation { publishServiceItem }', 'staff');
    expect(refused.errors?.[0].originalError).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(calls).toBe(0);
    expect((await run('mutation { publishServiceItem }', 'admin')).data).toEqual({ publishServiceItem: 'published' });
    expect(calls).toBe(1);
  });

  it('checks the role before a subscription starts', async () => {
    const document = parse('subscription { caseEvents(caseId: "x") }');
    const refused = await subscribe({ schema: guarded, document, contextValue: { actor: { id: 'u', role: 'admin' } } });
    expect((refused as { errors?: Array<{ originalError?: unknown }> }).errors?.[0].originalError).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    expect(calls).toBe(0);
  });

  it('answers REQUEST.TIMEOUT when a resolver does not finish in time', async () => {
    const result = await run('{ case(id: "x") }', 'center_leader');
    expect(result.errors?.[0].originalError).toMatchObject({ code: 'REQUEST.TIMEOUT' });
    await expect(withTimeout(() => 'fast', 50, 'Query.x')).resolves.toBe('fast');
  });
});

describe('request limits', () => {
  const schema = makeExecutableSchema({ typeDefs: sdl });
  const codes = (query: string) =>
    validate(schema, parse(query), [...specifiedRules, ...limitRules(DEFAULT_REQUEST_LIMITS)]).map((e) => e.extensions.code);
  const history = 'history { actor { id role } data }';

  it('lets the queries the product itself sends through', () => {
    expect(
      codes(
        `{ cases(first: 100) { totalCount edges { cursor node { id receiptNo status applicant { name idNumber } timeLimit { dueDate state } ${history} } } pageInfo { hasNextPage } } }`,
      ),
    ).toEqual([]);
    expect(codes('{ cases { edges { node { history { actor { id } } timeLimit { urgings { periodEndsOn } } } } } }')).toEqual([]);
    expect(codes('subscription { centerEvents(center: "c1") { position type caseId actor { id } data } }')).toEqual([]);
  });

  it('refuses over-deep, over-costly, over-aliased and over-batched documents, each with its own code', () => {
    const fragmentChain = Array.from(
      { length: 9 },
      (_, i) => `fragment F${i} on Case { ${i < 8 ? `history { actor { id } } ...F${i + 1}` : 'id'} }`,
    ).join(' ');
    expect(codes(`{ case(id: "x") { ...F0 } } ${fragmentChain}`)).toContain('QUERY.TOO_DEEP');
    const page = `cases(first: 100) { edges { node { id applicant { name } timeLimit { dueDate state } ${history} } } }`;
    expect(codes(`{ ${Array.from({ length: 5 }, (_, i) => `c${i}: ${page}`).join(' ')} }`)).toEqual(['QUERY.TOO_COSTLY']);
    expect(codes(`{ ${Array.from({ length: 11 }, (_, i) => `c${i}: calendarStatus { warnings }`).join(' ')} }`)).toEqual([
      'QUERY.TOO_MANY_ROOT_FIELDS',
    ]);
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    expect(codes(`{ case(id: "x") { ${aliases} } }`)).toEqual(['QUERY.TOO_MANY_ALIASES']);
    expect(codes('query A { calendarStatus { warnings } } query B { catalog { code } }')).toEqual(['QUERY.TOO_MANY_OPERATIONS']);
    expect(codes(`{ calendarStatus { warnings ${'@include(if: true) '.repeat(11)} } }`)).toContain('QUERY.TOO_MANY_DIRECTIVES');
  });
});
