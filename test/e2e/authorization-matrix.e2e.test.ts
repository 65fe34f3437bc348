import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { subscribe } from '../support/live-client';
import { documentedPolicy, PRINCIPALS, ROLES } from '../support/policy';
import { TestService } from '../support/service';

/**
 * The authorization matrix, generated from the policy table in docs/security.md: every operation of
 * the schema, run by every role, against a case (or center) in the role's own window, in another window
 * of its center, in another center, and handed to it as the cover of a colleague's post. The observed
 * outcome must equal the documented cell.
 *
 * Outcome: for an operation on one object, allowed means anything but AUTH.FORBIDDEN (the business
 * rules may still refuse, and a refused business rule proves the check was passed); for lists and
 * center subscriptions, allowed means the target is among what comes back. A refused command must
 * leave the case's history unchanged.
 */

type Scope = 'own' | 'window' | 'center' | 'cover';
const SCOPES: Scope[] = ['own', 'window', 'center', 'cover'];
const PLACES: Record<Exclude<Scope, 'cover'>, { center: string; window: string; item: string }> = {
  own: { center: 'c1', window: 'civil-affairs', item: 'MZ-DB-001' },
  window: { center: 'c1', window: 'forestry', item: 'LY-LQ-001' },
  center: { center: 'c2', window: 'civil-affairs', item: 'MZ-DB-001' },
};
/** Which scopes each documented cell reaches (oversight is assigned center c1 only). */
const REACH: Record<string, Scope[]> = {
  window: ['own', 'cover'],
  // These fixtures are not joint cases: nobody takes part in them (the joint case has its own test below).
  involved: ['own', 'cover'],
  participant: [],
  center: ['own', 'window', 'cover'],
  assigned: ['own', 'window', 'cover'],
  yes: ['own', 'window', 'center', 'cover'],
  self: ['cover'],
  own: [],
  '—': [],
};

const applicant = { name: '王五', idNumber: '11010519491231002X', phone: '13800138000' };

describe('authorization matrix (generated from docs/security.md)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  const policy = documentedPolicy();
  beforeAll(() => service.start(), 60_000);
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const tokenOf = (role: (typeof ROLES)[number]) => {
    const { user, ...claims } = PRINCIPALS[role];
    return service.token(role, user, claims);
  };
  const staffAt = (center: string, window: string) => service.token('staff', `fixture-${center}-${window}`, { center, window });
  const leaderOf = (center: string) => service.token('center_leader', `fixture-leader-${center}`, { center });
  /** Input type and a field of the payload, where they are not `<Name>Input` and `position`. */
  const INPUT: Record<string, string> = { approveExtension: 'DecideExtensionInput', denyExtension: 'DecideExtensionInput' };
  const SELECT: Record<string, string> = {
    revealPersonalData: 'readId',
    recordConduct: 'lineId',
    appealConduct: 'lineId',
    decideConductAppeal: 'lineId',
  };
  const mutate = (name: string, input: Record<string, unknown>, token: string, select = SELECT[name] ?? 'position') =>
    service.gql(
      `mutation($input: ${INPUT[name] ?? `${name[0].toUpperCase()}${name.slice(1)}Input`}!) { ${name}(input: $input) { ${select} } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );
  /** A malformed request would pass for "allowed": every request here must be well formed. */
  const wellFormed = (res: { errors?: Array<{ extensions?: { code?: string } }> }) =>
    expect(['VALIDATION.FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'INTERNAL']).not.toContain(
      code(res),
    );

  interface Target {
    caseId: string;
    receiptNo: string;
    center: string;
    window: string;
    handlerToken: string;
  }

  /** A fresh case for the scope, submitted (and accepted when asked) by a staff member of its window. */
  async function caseFor(scope: Scope, role: (typeof ROLES)[number], accepted = false, backfilled = false): Promise<Target> {
    const place = PLACES[scope === 'cover' ? 'window' : scope];
    const token = staffAt(place.center, place.window);
    const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const time = (h: number) => (backfilled ? { occurredAt: ago(h), backfillReason: '纸质台账补录' } : {});
    const res = await mutate(
      'submitCase',
      { itemCode: place.item, center: place.center, applicant, materials: ['申请表'], ...time(961) },
      token,
      'case { id receiptNo }',
    );
    const { id, receiptNo } = res.data!.submitCase.case;
    if (accepted || backfilled) expect((await mutate('acceptCase', { caseId: id, ...time(960) }, token)).errors).toBeUndefined();
    if (scope === 'cover') {
      const handedTo = PRINCIPALS[role].user;
      expect(
        (await mutate('reassignCase', { caseId: id, toStaffId: handedTo, asCover: true, reason: 'A岗请假' }, token)).errors,
      ).toBeUndefined();
    }
    return { caseId: id, receiptNo, center: place.center, window: place.window, handlerToken: token };
  }

  const historyLength = async (t: Target) =>
    (
      (await service.gql(`query($id: ID!) { case(id: $id) { history { type } } }`, { id: t.caseId }, leaderOf(t.center))).data!.case
        .history as unknown[]
    ).length;

  const code = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

  /** Runs one case operation; returns whether it passed authorization. */
  const caseMutations: Record<string, (t: Target) => Record<string, unknown>> = {
    requestSupplement: (t) => ({ caseId: t.caseId, missingMaterials: ['户口簿'] }),
    receiveSupplement: (t) => ({ caseId: t.caseId, materials: ['户口簿'] }),
    acceptCase: (t) => ({ caseId: t.caseId }),
    reportLateNotice: (t) => ({ caseId: t.caseId, explanation: '窗口人员外出培训，未及时告知补正' }),
    rejectCase: (t) => ({ caseId: t.caseId, reason: '不属于本中心受理范围' }),
    recordStep: (t) => ({ caseId: t.caseId, step: '审核', opinion: '同意' }),
    completeCase: (t) => ({ caseId: t.caseId, outcome: 'APPROVED' }),
    deliverResult: (t) => ({ caseId: t.caseId, method: 'PICKUP', recipient: '王五' }),
    withdrawCase: (t) => ({ caseId: t.caseId, reason: '申请人撤回' }),
    terminateCase: (t) => ({ caseId: t.caseId, reason: '申请人死亡' }),
    archiveCase: (t) => ({ caseId: t.caseId }),
    reassignCase: (t) => ({ caseId: t.caseId, toStaffId: 'staff-z', reason: '调整分工' }),
    suspendCase: (t) => ({ caseId: t.caseId, reason: 'APPLICANT_REQUEST' }),
    resumeCase: (t) => ({ caseId: t.caseId }),
    requestExtension: (t) => ({ caseId: t.caseId, workingDays: 5, reason: '需要现场勘查' }),
    approveExtension: (t) => ({ caseId: t.caseId, reason: '同意' }),
    denyExtension: (t) => ({ caseId: t.caseId, reason: '理由不足' }),
    urgeCase: (t) => ({ caseId: t.caseId, note: '请加快办理', periodWorkingDays: 2 }),
    revealPersonalData: (t) => ({ caseId: t.caseId, reason: '核对身份证原件' }),
    recordOpinion: (t) => ({ caseId: t.caseId, opinion: 'AGREE' }),
    suspendReview: (t) => ({ caseId: t.caseId, reason: 'APPLICANT_REQUEST' }),
    resumeReview: (t) => ({ caseId: t.caseId }),
    waiveOpinions: (t) => ({ caseId: t.caseId, reason: '逾期未复' }),
    sendUp: (t) => ({ caseId: t.caseId, authority: '县民政局', transmittal: { formNo: '上报-001' } }),
    returnFromAuthority: (t) => ({ caseId: t.caseId, decision: '准予' }),
    recordFee: (t) => ({ caseId: t.caseId, amount: 10, basis: '工本费' }),
    recordJointReview: (t) => ({
      caseId: t.caseId,
      kind: 'SITE_SURVEY',
      attendees: [{ name: '王科长', unit: '林业' }],
      minutes: '现场核实',
    }),
  };
  /** Queries of one case; `caseOf` finds the case in the answer (default: its `id`). */
  const caseQueries: Record<
    string,
    { query: string; vars: (t: Target) => Record<string, unknown>; caseOf?: (data: Record<string, unknown>) => unknown }
  > = {
    case: { query: 'query($id: ID!) { case(id: $id) { id applicant { idNumber } history { type } } }', vars: (t) => ({ id: t.caseId }) },
    caseByReceiptNo: { query: 'query($r: String!) { caseByReceiptNo(receiptNo: $r) { id } }', vars: (t) => ({ r: t.receiptNo }) },
    exchangeRecords: {
      query: 'query($id: ID!) { exchangeRecords(caseId: $id) { caseId acceptance { caseNo } } }',
      vars: (t) => ({ id: t.caseId }),
      caseOf: (data) => data.caseId,
    },
    caseChain: {
      query: 'query($id: ID!) { caseChain(caseId: $id) { caseId ok events { status } } }',
      vars: (t) => ({ id: t.caseId }),
      caseOf: (data) => data.caseId,
    },
    caseReplay: {
      query:
        'query($id: ID!, $from: DateTime!, $to: DateTime!) { caseReplay(caseId: $id, from: $from, to: $to) { edges { node { caseId type } } } }',
      vars: (t) => ({ id: t.caseId, from: '2020-01-01T00:00:00Z', to: new Date(Date.now() + 60_000).toISOString() }),
      caseOf: (data) => (data as { edges: Array<{ node: { caseId: string } }> }).edges[0]?.node.caseId,
    },
  };

  const expected = (operation: string, role: string): Scope[] => REACH[policy.get(operation)![role]];

  it('documents every operation the service has, and the service has every documented one', async () => {
    const res = await service.gql(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }',
      {},
      tokenOf('staff'),
    );
    const s = res.data!.__schema;
    const operations = [
      ...s.queryType.fields.map((f: { name: string }) => `Query.${f.name}`),
      ...s.mutationType.fields.map((f: { name: string }) => `Mutation.${f.name}`),
      ...s.subscriptionType.fields.map((f: { name: string }) => `Subscription.${f.name}`),
    ];
    expect(operations.sort()).toEqual([...policy.keys()].sort());
  });

  it('refuses a system token at sign-in, over HTTP and WebSocket', async () => {
    const system = jwt.sign({ role: 'system' }, service.secret, { algorithm: 'HS256', subject: 'deadline-watcher', expiresIn: '1h' });
    const res = await service.gql('{ calendarStatus { warnings } }', {}, system);
    expect([res.status, code(res)]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    const live = subscribe(service.baseUrl + '/graphql', system, 'subscription { caseEvents(caseId: "x") { type } }');
    expect(await live.closed).toBe(4403);
  });

  describe.each(Object.keys(caseMutations))('Mutation.%s', (name) => {
    it.each(ROLES)('as %s: matches the table in every scope', async (role) => {
      const operation = `Mutation.${name}`;
      const observed: Scope[] = [];
      for (const scope of SCOPES) {
        const t = await caseFor(scope, role, ['recordStep', 'completeCase', 'suspendCase', 'requestExtension', 'urgeCase'].includes(name));
        const before = await historyLength(t);
        const res = await mutate(name, caseMutations[name](t), tokenOf(role));
        wellFormed(res);
        if (code(res) === 'AUTH.FORBIDDEN') expect(await historyLength(t)).toBe(before);
        else observed.push(scope);
      }
      expect(observed).toEqual(expected(operation, role));
    });
  });

  describe.each(Object.keys(caseQueries))('Query.%s', (name) => {
    it.each(ROLES)('as %s: matches the table in every scope', async (role) => {
      const observed: Scope[] = [];
      for (const scope of SCOPES) {
        const t = await caseFor(scope, role);
        const res = await service.gql(caseQueries[name].query, caseQueries[name].vars(t), tokenOf(role));
        wellFormed(res);
        if (code(res) !== 'AUTH.FORBIDDEN') {
          const found = res.data![name] as Record<string, unknown>;
          expect(caseQueries[name].caseOf ? caseQueries[name].caseOf!(found) : found.id).toBe(t.caseId);
          observed.push(scope);
        }
      }
      expect(observed).toEqual(expected(`Query.${name}`, role));
    });
  });

  /**
   * A joint case (联办件) led by another window of the center, in which the policy tests' own window
   * (civil-affairs) reviews: `involved` and `participant` reach it, `window` does not.
   */
  describe('a joint case the own window reviews', () => {
    const JOINT_REACH = new Set(['involved', 'participant', 'center', 'assigned', 'yes']);
    const jointCase = async (): Promise<Target> => {
      const token = staffAt('c1', 'enterprise-services');
      const res = await mutate(
        'submitCase',
        { itemCode: 'SC-KB-001', center: 'c1', applicant, materials: ['申请表'] },
        token,
        'case { id receiptNo }',
      );
      const { id, receiptNo } = res.data!.submitCase.case;
      const participants = [
        { window: 'civil-affairs', department: '民政', reviewLimit: 5 },
        { window: 'social-security', department: '人力社保', reviewLimit: 2 },
      ];
      expect((await mutate('acceptCase', { caseId: id, participants, participantsReason: '涉及民政审查' }, token)).errors).toBeUndefined();
      return { caseId: id, receiptNo, center: 'c1', window: 'enterprise-services', handlerToken: token };
    };
    const operations = [
      ...['recordOpinion', 'suspendReview', 'waiveOpinions', 'completeCase'].map((name) => ({
        operation: `Mutation.${name}`,
        name,
        mutation: true,
      })),
      ...Object.keys(caseQueries).map((name) => ({ operation: `Query.${name}`, name, mutation: false })),
    ];

    it.each(ROLES)('as %s: matches the table', async (role) => {
      const observed: string[] = [];
      const wanted: string[] = [];
      for (const { operation, name, mutation } of operations) {
        const t = await jointCase();
        if (JOINT_REACH.has(policy.get(operation)![role])) wanted.push(operation);
        const res = mutation
          ? await mutate(name, caseMutations[name](t), tokenOf(role))
          : await service.gql(caseQueries[name].query, caseQueries[name].vars(t), tokenOf(role));
        wellFormed(res);
        if (code(res) !== 'AUTH.FORBIDDEN') observed.push(operation);
      }
      expect(observed).toEqual(wanted);
    });
  });

  it.each(ROLES)('Mutation.submitCase as %s: matches the table in every place', async (role) => {
    const observed: Scope[] = [];
    for (const scope of ['own', 'window', 'center'] as const) {
      const place = PLACES[scope];
      const res = await mutate(
        'submitCase',
        { itemCode: place.item, center: place.center, applicant, materials: ['申请表'] },
        tokenOf(role),
        'case { id }',
      );
      wellFormed(res);
      if (code(res) !== 'AUTH.FORBIDDEN') observed.push(scope);
    }
    expect(observed).toEqual(expected('Mutation.submitCase', role).filter((s) => s !== 'cover'));
  });

  /** Every id a list shows to this token, page by page. */
  async function listed(field: 'cases' | 'deadlines', token: string, filter: Record<string, string>): Promise<string[] | 'forbidden'> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: {
        data?: Record<string, { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } }>;
        errors?: Array<{ extensions?: { code?: string } }>;
      } = await service.gql(
        `query($f: ${field === 'cases' ? 'CaseFilter' : 'DeadlineFilter'}, $after: String) { ${field}(filter: $f, first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { f: filter, after },
        token,
      );
      if (code(res) === 'AUTH.FORBIDDEN') return 'forbidden';
      ids.push(...res.data![field].edges.map((e) => e.node.id));
      if (!res.data![field].pageInfo.hasNextPage) return ids;
      after = res.data![field].pageInfo.endCursor;
    }
  }

  const countIn = async (token: string, center: string, window: string) => {
    const res = await service.gql(`query($c: String) { deadlineCounts(center: $c) { window count } }`, { c: center }, token);
    if (code(res) === 'AUTH.FORBIDDEN') return -1;
    return (res.data!.deadlineCounts as Array<{ window: string; count: number }>)
      .filter((r) => r.window === window)
      .reduce((sum, r) => sum + r.count, 0);
  };

  /** Cases received this month as the center's indicators show them to this token; -1 when refused. */
  const receivedIn = async (token: string, center: string) => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const res = await service.gql(
      `query($c: String!, $p: String!) { kpis(center: $c, period: $p, groupBy: CENTER) { received } }`,
      { c: center, p: month },
      token,
    );
    if (code(res) === 'AUTH.FORBIDDEN') return -1;
    return (res.data!.kpis as Array<{ received: number }>).reduce((sum, r) => sum + r.received, 0);
  };

  it.each(ROLES)(
    'the lists (cases, deadlines, deadlineCounts, kpis) as %s show exactly the cases the table reaches',
    async (role) => {
      const observed: Record<string, Scope[]> = { 'Query.cases': [], 'Query.deadlines': [], 'Query.deadlineCounts': [], 'Query.kpis': [] };
      for (const scope of SCOPES) {
        const place = PLACES[scope === 'cover' ? 'window' : scope];
        const countBefore = await countIn(tokenOf(role), place.center, place.window);
        const receivedBefore = await receivedIn(tokenOf(role), place.center);
        const t = await caseFor(scope, role, true);
        // Wait until the read models have applied every event of the case, the hand-over to a cover included.
        await service.projectionsCaughtUp();
        for (const field of ['cases', 'deadlines'] as const) {
          const ids = await listed(field, tokenOf(role), { center: t.center });
          if (ids !== 'forbidden' && ids.includes(t.caseId)) observed[`Query.${field}`].push(scope);
        }
        const countAfter = await countIn(tokenOf(role), place.center, place.window);
        if (countBefore >= 0 && countAfter === countBefore + 1) observed['Query.deadlineCounts'].push(scope);
        const receivedAfter = await receivedIn(tokenOf(role), place.center);
        if (receivedBefore >= 0 && receivedAfter === receivedBefore + 1) observed['Query.kpis'].push(scope);
      }
      for (const operation of Object.keys(observed))
        expect([operation, observed[operation]]).toEqual([operation, expected(operation, role)]);
    },
    60_000,
  );

  it.each(ROLES)('closeConsultation and consultations as %s match the table in every scope', async (role) => {
    const observed: Record<string, Scope[]> = { 'Mutation.closeConsultation': [], 'Query.consultations': [] };
    for (const scope of ['own', 'window', 'center'] as const) {
      const place = PLACES[scope];
      // A first officer at another window of the center routes the visit to the scope's window.
      const recorded = await mutate(
        'recordConsultation',
        { visitorName: '赵六', topic: '咨询低保', routedToWindow: place.window },
        staffAt(place.center, 'front-desk'),
        'consultation { id }',
      );
      expect(recorded.errors).toBeUndefined();
      const closed = await mutate(
        'closeConsultation',
        { consultationId: recorded.data!.recordConsultation.consultation.id, answer: '已当场答复' },
        tokenOf(role),
        'consultation { id }',
      );
      wellFormed(closed);
      if (code(closed) !== 'AUTH.FORBIDDEN') observed['Mutation.closeConsultation'].push(scope);
      const listed = await service.gql(
        'query($c: String!, $w: String!) { consultations(center: $c, window: $w) { totalCount } }',
        { c: place.center, w: place.window },
        tokenOf(role),
      );
      wellFormed(listed);
      if (code(listed) !== 'AUTH.FORBIDDEN') observed['Query.consultations'].push(scope);
    }
    for (const operation of Object.keys(observed))
      expect([operation, observed[operation]]).toEqual([operation, expected(operation, role).filter((s) => s !== 'cover')]);
  });

  it.each(ROLES)('Query.consultation as %s: matches the table in every scope', async (role) => {
    const observed: Scope[] = [];
    for (const scope of ['own', 'window', 'center'] as const) {
      const place = PLACES[scope];
      const recorded = await mutate(
        'recordConsultation',
        { visitorName: '赵六', topic: '咨询' },
        staffAt(place.center, place.window),
        'consultation { id }',
      );
      const res = await service.gql(
        'query($id: ID!) { consultation(id: $id) { id } }',
        { id: recorded.data!.recordConsultation.consultation.id },
        tokenOf(role),
      );
      wellFormed(res);
      if (code(res) !== 'AUTH.FORBIDDEN') observed.push(scope);
    }
    expect(observed).toEqual(expected('Query.consultation', role).filter((s) => s !== 'cover'));
  });

  it.each(ROLES)(
    'operations without a case (catalog, calendar, consultations, publishing, progress, reads, staff lists, windows) as %s match the table',
    async (role) => {
      const token = tokenOf(role);
      const allowedEverywhere = (operation: string) => expected(operation, role).length === 4;
      const passes = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => (wellFormed(res), code(res) !== 'AUTH.FORBIDDEN');
      expect(['calendarStatus', passes(await service.gql('{ calendarStatus { warnings } }', {}, token))]).toEqual([
        'calendarStatus',
        allowedEverywhere('Query.calendarStatus'),
      ]);
      expect(['catalog', passes(await service.gql('{ catalog { code } }', {}, token))]).toEqual([
        'catalog',
        allowedEverywhere('Query.catalog'),
      ]);
      expect(['serviceItem', passes(await service.gql('{ serviceItem(code: "MZ-DB-001") { code } }', {}, token))]).toEqual([
        'serviceItem',
        allowedEverywhere('Query.serviceItem'),
      ]);
      const item = {
        code: `TEST-${role}`.toUpperCase().replace(/_/g, '-'),
        name: '测试事项',
        department: '测试',
        window: 'civil-affairs',
        kind: 'IMMEDIATE',
        fee: '0',
        materials: [],
        steps: [],
      };
      const published = await mutate('publishServiceItem', { item }, token, 'changed');
      wellFormed(published);
      expect(['publishServiceItem', passes(published)]).toEqual([
        'publishServiceItem',
        policy.get('Mutation.publishServiceItem')![role] !== '—',
      ]);
      const consulted = await mutate('recordConsultation', { visitorName: '赵六', topic: '咨询' }, token, 'consultation { id }');
      wellFormed(consulted);
      expect(['recordConsultation', passes(consulted)]).toEqual([
        'recordConsultation',
        policy.get('Mutation.recordConsultation')![role] !== '—',
      ]);

      const t = await caseFor('own', role);
      const progress = await service.gql(
        'query($r: String!, $s: String!) { caseProgress(receiptNo: $r, idNumberLast6: $s) { receiptNo } }',
        { r: t.receiptNo, s: '31002X' },
        token,
      );
      const ownsIt = policy.get('Query.caseProgress')![role] === 'own';
      expect(['caseProgress', passes(progress) && progress.data!.caseProgress?.receiptNo === t.receiptNo]).toEqual([
        'caseProgress',
        ownsIt,
      ]);

      const reads: Scope[] = [];
      for (const scope of ['own', 'center'] as const) {
        const res = await service.gql(
          'query($c: String!) { personalDataReads(center: $c) { totalCount } }',
          { c: PLACES[scope].center },
          token,
        );
        if (passes(res)) reads.push(scope);
      }
      expect(['personalDataReads', reads]).toEqual([
        'personalDataReads',
        expected('Query.personalDataReads', role).filter((s) => s === 'own' || s === 'center'),
      ]);
      const replayed: Scope[] = [];
      for (const scope of ['own', 'center'] as const) {
        const res = await service.gql(
          'query($c: String!, $from: DateTime!, $to: DateTime!) { centerReplay(center: $c, from: $from, to: $to, first: 5) { totalCount } }',
          { c: PLACES[scope].center, from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' },
          token,
        );
        if (passes(res)) replayed.push(scope);
      }
      expect(['centerReplay', replayed]).toEqual([
        'centerReplay',
        expected('Query.centerReplay', role).filter((s) => s === 'own' || s === 'center'),
      ]);
      const watched = await service.gql('{ oversightReads { totalCount } }', {}, token);
      expect(['oversightReads', passes(watched)]).toEqual(['oversightReads', allowedEverywhere('Query.oversightReads')]);

      // The staff lists and windows of a center: the own center, and another one.
      const directory: Record<string, Scope[]> = {
        'Mutation.registerStaff': [],
        'Mutation.defineWindow': [],
        'Query.windows': [],
        'Query.staffMembers': [],
        'Query.accountabilityFlags': [],
        'Query.departmentScoreSheet': [],
      };
      for (const scope of ['own', 'center'] as const) {
        const center = PLACES[scope].center;
        const registered = await mutate(
          'registerStaff',
          { staffId: `matrix-${role}-${scope}`, name: '测试', center, window: 'civil-affairs' },
          token,
          'changed',
        );
        if (passes(registered)) directory['Mutation.registerStaff'].push(scope);
        const defined = await mutate(
          'defineWindow',
          { center, window: `w-${role}`, name: '测试窗口', department: '测试', abPairs: [] },
          token,
          'changed',
        );
        if (passes(defined)) directory['Mutation.defineWindow'].push(scope);
        if (passes(await service.gql('query($c: String!) { windows(center: $c) { window } }', { c: center }, token)))
          directory['Query.windows'].push(scope);
        if (passes(await service.gql('query($c: String!) { staffMembers(center: $c) { staffId } }', { c: center }, token)))
          directory['Query.staffMembers'].push(scope);
        const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
        if (
          passes(
            await service.gql(
              'query($c: String!, $p: String!) { accountabilityFlags(center: $c, period: $p) { level } }',
              { c: center, p: month },
              token,
            ),
          )
        )
          directory['Query.accountabilityFlags'].push(scope);
        if (
          passes(
            await service.gql(
              'query($c: String!, $p: String!) { departmentScoreSheet(center: $c, department: "民政局", period: $p) { total } }',
              { c: center, p: month },
              token,
            ),
          )
        )
          directory['Query.departmentScoreSheet'].push(scope);
      }
      for (const operation of Object.keys(directory)) {
        expect([operation, directory[operation]]).toEqual([
          operation,
          expected(operation, role).filter((s) => s === 'own' || s === 'center'),
        ]);
      }
    },
  );

  describe('efficiency scoring', () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    /**
     * A line on the sheet of a staff member in the scope's place, recorded by that center's leader. For
     * the cover scope the line is the principal's own (the scope of what concerns them personally).
     */
    async function lineFor(scope: Scope, role: (typeof ROLES)[number]) {
      const place = PLACES[scope === 'cover' ? 'own' : scope];
      const staffId = scope === 'cover' ? PRINCIPALS[role].user : `fixture-${place.center}-${place.window}`;
      const res = await mutate(
        'recordConduct',
        { staffId, window: place.window, center: place.center, code: 'D02', evidence: '考勤记录' },
        leaderOf(place.center),
      );
      expect(res.errors).toBeUndefined();
      const lineId = res.data!.recordConduct.lineId as string;
      await eventually(async () => {
        const sheet = await service.gql(
          'query($s: String!, $c: String!, $p: String!) { scoreSheet(staffId: $s, center: $c, period: $p) { lines { id } } }',
          { s: staffId, c: place.center, p: month },
          leaderOf(place.center),
        );
        expect(sheet.data!.scoreSheet.lines.map((l: { id: string }) => l.id)).toContain(lineId);
      });
      return { lineId, staffId, place };
    }

    it.each(ROLES)(
      'recordConduct, the sheets and the scoreboard as %s match the table',
      async (role) => {
        const observed: Record<string, Scope[]> = {
          'Mutation.recordConduct': [],
          'Query.scoreSheet': [],
          'Query.windowScoreSheet': [],
          'Query.scoreboard': [],
        };
        for (const scope of SCOPES) {
          const { staffId, place } = await lineFor(scope, role);
          const passes = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => (wellFormed(res), code(res) !== 'AUTH.FORBIDDEN');
          if (scope !== 'cover') {
            if (
              passes(
                await mutate(
                  'recordConduct',
                  { staffId, window: place.window, center: place.center, code: 'B03', evidence: '群众来信表扬' },
                  tokenOf(role),
                ),
              )
            )
              observed['Mutation.recordConduct'].push(scope);
            if (
              passes(
                await service.gql(
                  'query($c: String!, $w: String!, $p: String!) { windowScoreSheet(center: $c, window: $w, period: $p) { total } }',
                  { c: place.center, w: place.window, p: month },
                  tokenOf(role),
                ),
              )
            )
              observed['Query.windowScoreSheet'].push(scope);
            if (
              passes(
                await service.gql(
                  'query($c: String!, $p: String!) { scoreboard(center: $c, period: $p) { ruleVersion } }',
                  { c: place.center, p: month },
                  tokenOf(role),
                ),
              )
            )
              observed['Query.scoreboard'].push(scope);
          }
          if (
            passes(
              await service.gql(
                'query($s: String!, $c: String!, $p: String!) { scoreSheet(staffId: $s, center: $c, period: $p) { total } }',
                { s: staffId, c: place.center, p: month },
                tokenOf(role),
              ),
            )
          )
            observed['Query.scoreSheet'].push(scope);
        }
        for (const operation of Object.keys(observed)) {
          const documented = expected(operation, role).filter((s) => operation === 'Query.scoreSheet' || s !== 'cover');
          expect([operation, observed[operation]]).toEqual([operation, documented]);
        }
      },
      60_000,
    );

    it.each(ROLES)(
      'appealConduct and decideConductAppeal as %s match the table',
      async (role) => {
        const observed: Record<string, Scope[]> = { 'Mutation.appealConduct': [], 'Mutation.decideConductAppeal': [] };
        for (const scope of SCOPES) {
          const appealed = await lineFor(scope, role);
          const res = await mutate('appealConduct', { lineId: appealed.lineId, grounds: '当天已请假' }, tokenOf(role));
          wellFormed(res);
          if (code(res) !== 'AUTH.FORBIDDEN') observed['Mutation.appealConduct'].push(scope);

          const pending = await lineFor(scope, role);
          const own = service.token('staff', pending.staffId, { center: pending.place.center, window: pending.place.window });
          expect((await mutate('appealConduct', { lineId: pending.lineId, grounds: '当天已请假' }, own)).errors).toBeUndefined();
          const decided = await mutate('decideConductAppeal', { lineId: pending.lineId, upheld: false, reason: '证据充分' }, tokenOf(role));
          wellFormed(decided);
          if (code(decided) !== 'AUTH.FORBIDDEN') observed['Mutation.decideConductAppeal'].push(scope);
        }
        for (const operation of Object.keys(observed))
          expect([operation, observed[operation]]).toEqual([operation, expected(operation, role)]);
      },
      60_000,
    );
  });

  describe('attendance (考勤)', () => {
    it.each(ROLES)(
      'recordLeave, recordAbsence and attendance as %s match the table',
      async (role) => {
        const observed: Record<string, Scope[]> = { 'Mutation.recordLeave': [], 'Mutation.recordAbsence': [], 'Query.attendance': [] };
        // One day per role, so that the roles' records never meet (a second absence on a half day is refused).
        const nth = ROLES.indexOf(role) + 1;
        const day = new Date(Date.now() + 8 * 3_600_000 - nth * 86_400_000).toISOString().slice(0, 10);
        const passes = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => (wellFormed(res), code(res) !== 'AUTH.FORBIDDEN');
        for (const scope of SCOPES) {
          const place = PLACES[scope === 'cover' ? 'own' : scope];
          const staffId = scope === 'cover' ? PRINCIPALS[role].user : `fixture-${place.center}-${place.window}`;
          // The center's leader records a morning away first: the staff member's window is then known.
          const first = await mutate(
            'recordAbsence',
            { staffId, window: place.window, center: place.center, day, away: ['AM'], evidence: '考勤机无记录' },
            leaderOf(place.center),
            'absenceId',
          );
          expect(first.errors).toBeUndefined();
          const leave = await mutate(
            'recordLeave',
            {
              staffId,
              center: place.center,
              startsOn: `2030-01-${String(nth).padStart(2, '0')}`,
              reason: '事假',
              approvedBy: '王主任',
              approver: 'CENTER_DIRECTOR',
            },
            tokenOf(role),
            'leaveId',
          );
          if (passes(leave)) observed['Mutation.recordLeave'].push(scope);
          const absence = await mutate(
            'recordAbsence',
            { staffId, window: place.window, center: place.center, day, away: ['PM'], evidence: '下午未到岗' },
            tokenOf(role),
            'absenceId',
          );
          if (passes(absence)) observed['Mutation.recordAbsence'].push(scope);
          const read = await service.gql(
            'query($c: String!, $s: String!) { attendance(center: $c, staffId: $s) { absences { day } } }',
            { c: place.center, s: staffId },
            tokenOf(role),
          );
          if (passes(read)) observed['Query.attendance'].push(scope);
        }
        for (const operation of Object.keys(observed))
          expect([operation, observed[operation]]).toEqual([operation, expected(operation, role)]);
      },
      60_000,
    );
  });

  describe('complaints', () => {
    /** A complaint filed by a citizen about the fixture staff member of the scope's place (or about the principal, for the cover scope). */
    async function complaintFor(scope: Scope, role: (typeof ROLES)[number]) {
      const place = PLACES[scope === 'cover' ? 'own' : scope];
      const staffId = scope === 'cover' ? PRINCIPALS[role].user : `fixture-${place.center}-${place.window}`;
      const res = await mutate(
        'fileComplaint',
        {
          center: place.center,
          channel: 'PHONE',
          about: { staffId, window: place.window },
          complainant: { name: '李四', phone: '13900139000' },
          matter: '窗口无人',
        },
        service.token('applicant', 'citizen-1', {}),
        'complaint { id }',
      );
      expect(res.errors).toBeUndefined();
      return { id: res.data!.fileComplaint.complaint.id as string, place };
    }

    it.each(ROLES)(
      'filing, answering, finding and reading complaints as %s match the table',
      async (role) => {
        const observed: Record<string, Scope[]> = {
          'Mutation.fileComplaint': [],
          'Mutation.escalateComplaint': [],
          'Mutation.answerComplaint': [],
          'Mutation.recordComplaintFinding': [],
          'Query.complaint': [],
          'Query.complaints': [],
        };
        const passes = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => (wellFormed(res), code(res) !== 'AUTH.FORBIDDEN');
        for (const scope of SCOPES) {
          const { id, place } = await complaintFor(scope, role);
          if (scope !== 'cover') {
            const filed = await mutate(
              'fileComplaint',
              {
                center: place.center,
                channel: 'VOICE',
                about: { window: place.window },
                complainant: { name: '王五' },
                matter: '态度不好',
              },
              tokenOf(role),
              'complaint { id }',
            );
            if (passes(filed)) observed['Mutation.fileComplaint'].push(scope);
            const listed = await service.gql(
              'query($c: String!) { complaints(center: $c) { totalCount } }',
              { c: place.center },
              tokenOf(role),
            );
            if (passes(listed)) observed['Query.complaints'].push(scope);
            if (passes(await mutate('escalateComplaint', { complaintId: id, reason: '涉嫌索要财物' }, tokenOf(role), 'complaint { id }')))
              observed['Mutation.escalateComplaint'].push(scope);
            if (
              passes(
                await mutate('answerComplaint', { complaintId: id, form: 'WRITTEN', text: '已处理' }, tokenOf(role), 'complaint { id }'),
              )
            )
              observed['Mutation.answerComplaint'].push(scope);
            if (
              passes(
                await mutate(
                  'recordComplaintFinding',
                  { complaintId: id, valid: false, cause: 'OTHER', findings: '查无此事' },
                  tokenOf(role),
                  'complaint { id }',
                ),
              )
            )
              observed['Mutation.recordComplaintFinding'].push(scope);
          }
          const read = await service.gql('query($id: ID!) { complaint(id: $id) { id complainant { name } } }', { id }, tokenOf(role));
          if (passes(read)) {
            observed['Query.complaint'].push(scope);
            // Only those handling complaints, and oversight, learn who complained; never one the complaint is
            // about (the cover scope's complaint names the principal themselves), whatever their role.
            const seesComplainant = ['center_leader', 'oversight'].includes(role) && scope !== 'cover';
            expect([role, scope, read.data!.complaint.complainant !== null]).toEqual([role, scope, seesComplainant]);
          }
        }
        for (const operation of Object.keys(observed)) {
          const documented = expected(operation, role).filter((s) => operation === 'Query.complaint' || s !== 'cover');
          expect([operation, observed[operation]]).toEqual([operation, documented]);
        }
      },
      60_000,
    );
  });

  describe('ratings', () => {
    /** A completed case of the scope's place, rated badly by its applicant. */
    async function ratingFor(scope: Scope, role: (typeof ROLES)[number]) {
      const t = await caseFor(scope, role, true);
      expect((await mutate('completeCase', { caseId: t.caseId, outcome: 'APPROVED' }, t.handlerToken)).errors).toBeUndefined();
      const rated = await mutate(
        'rateService',
        {
          receiptNo: t.receiptNo,
          idNumberLast6: '31002X',
          channel: 'ONLINE',
          stage: 'COMPLETION',
          level: 5,
          answers: ['overall', 'efficiency', 'guideAccuracy', 'convenience', 'usability'].map((question) => ({ question, level: 5 })),
        },
        service.token('applicant', 'citizen-1', {}),
        'rating { id }',
      );
      expect(rated.errors).toBeUndefined();
      return { ...t, ratingId: rated.data!.rateService.rating.id as string };
    }

    it.each(ROLES)(
      'rating, the bad-rating loop, appeals and lists as %s match the table',
      async (role) => {
        const observed: Record<string, Scope[]> = {
          'Mutation.advanceBadRating': [],
          'Mutation.appealRating': [],
          'Mutation.decideRatingAppeal': [],
          'Query.rating': [],
          'Query.ratings': [],
        };
        const passes = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => (wellFormed(res), code(res) !== 'AUTH.FORBIDDEN');
        for (const scope of SCOPES) {
          const r = await ratingFor(scope, role);
          if (passes(await service.gql('query($id: ID!) { rating(id: $id) { id } }', { id: r.ratingId }, tokenOf(role))))
            observed['Query.rating'].push(scope);
          if (
            passes(await mutate('advanceBadRating', { ratingId: r.ratingId, step: 'VERIFY', text: '核实' }, tokenOf(role), 'rating { id }'))
          )
            observed['Mutation.advanceBadRating'].push(scope);
          if (passes(await mutate('appealRating', { ratingId: r.ratingId, grounds: '误评' }, tokenOf(role), 'rating { id }')))
            observed['Mutation.appealRating'].push(scope);
          const pending = await ratingFor(scope, role);
          const rated = (
            await service.gql('query($id: ID!) { rating(id: $id) { staffId } }', { id: pending.ratingId }, leaderOf(pending.center))
          ).data!.rating.staffId as string;
          expect(
            (
              await mutate(
                'appealRating',
                { ratingId: pending.ratingId, grounds: '误评' },
                service.token('staff', rated, { center: pending.center, window: pending.window }),
                'rating { id }',
              )
            ).errors,
          ).toBeUndefined();
          if (
            passes(
              await mutate(
                'decideRatingAppeal',
                { ratingId: pending.ratingId, setAside: false, reason: '维持' },
                tokenOf(role),
                'rating { id }',
              ),
            )
          )
            observed['Mutation.decideRatingAppeal'].push(scope);
          if (
            scope !== 'cover' &&
            passes(await service.gql('query($c: String!) { ratings(center: $c) { totalCount } }', { c: r.center }, tokenOf(role)))
          )
            observed['Query.ratings'].push(scope);
        }
        for (const operation of Object.keys(observed)) {
          const documented = expected(operation, role).filter((s) => operation !== 'Query.ratings' || s !== 'cover');
          expect([operation, observed[operation]]).toEqual([operation, documented]);
        }
        // Rating is the applicant's own act, proved by receipt number and identity number.
        const t = await caseFor('own', role, true);
        await mutate('completeCase', { caseId: t.caseId, outcome: 'APPROVED' }, t.handlerToken);
        const own = await mutate(
          'rateService',
          {
            receiptNo: t.receiptNo,
            idNumberLast6: '31002X',
            channel: 'ONSITE',
            stage: 'ACCEPTANCE',
            level: 1,
            answers: ['overall', 'efficiency', 'competence', 'attitude'].map((question) => ({ question, level: 1 })),
          },
          tokenOf(role),
          'rating { id }',
        );
        wellFormed(own);
        expect(['rateService', code(own) !== 'AUTH.FORBIDDEN']).toEqual([
          'rateService',
          policy.get('Mutation.rateService')![role] === 'own',
        ]);
      },
      60_000,
    );
  });

  describe('subscriptions, checked on every event', () => {
    const seenWithin = async <T>(live: { received: T[]; errors: unknown[] }, match: (e: T) => boolean, quietMs = 1500) => {
      const deadline = Date.now() + quietMs;
      while (Date.now() < deadline) {
        if (live.received.some(match)) return true;
        if (live.errors.length > 0) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    };

    /**
     * The log's head position, from /metrics: subscribing after it replays only what comes next, so that
     * "nothing arrived" means refused, not "still replaying a long log".
     */
    const head = () => service.logHead();

    it.each(ROLES)(
      'caseEvents and centerEvents as %s deliver exactly the cases the table reaches',
      async (role) => {
        for (const operation of ['Subscription.caseEvents', 'Subscription.centerEvents']) {
          const observed: Scope[] = [];
          for (const scope of SCOPES) {
            const after = await head();
            const t = await caseFor(scope, role);
            const live =
              operation === 'Subscription.caseEvents'
                ? subscribe<{ caseId: string }>(
                    service.baseUrl + '/graphql',
                    tokenOf(role),
                    'subscription($id: ID!, $after: String) { caseEvents(caseId: $id, after: $after) { caseId } }',
                    { id: t.caseId, after },
                  )
                : subscribe<{ caseId: string }>(
                    service.baseUrl + '/graphql',
                    tokenOf(role),
                    'subscription($c: String!, $after: String) { centerEvents(center: $c, after: $after) { caseId } }',
                    { c: t.center, after },
                  );
            if (await seenWithin(live, (e) => e.caseId === t.caseId)) observed.push(scope);
            await live.stop();
          }
          expect([operation, observed]).toEqual([operation, expected(operation, role)]);
        }
      },
      30_000,
    );

    it.each(ROLES)(
      'the live scoreboard as %s opens exactly for the centers the table reaches',
      async (role) => {
        const observed: Scope[] = [];
        for (const scope of ['own', 'center'] as const) {
          const live = subscribe<{ period: string }>(
            service.baseUrl + '/graphql',
            tokenOf(role),
            'subscription($c: String!) { scoreboard(center: $c) { period } }',
            { c: PLACES[scope].center },
          );
          if (await seenWithin(live, () => true, 3000)) observed.push(scope);
          else expect(live.errors.flat()).toMatchObject([{ extensions: { code: 'AUTH.FORBIDDEN' } }]);
          await live.stop();
        }
        expect(observed).toEqual(expected('Subscription.scoreboard', role).filter((s) => s === 'own' || s === 'center'));
      },
      30_000,
    );

    it.each(ROLES)(
      'supervisionAlerts as %s deliver exactly the escalations the table reaches',
      async (role) => {
        const observed: Scope[] = [];
        for (const scope of ['own', 'window', 'center'] as const) {
          const place = PLACES[scope];
          const after = await head();
          const filed = await mutate(
            'fileComplaint',
            {
              center: place.center,
              channel: 'WRITING',
              major: true,
              about: { window: place.window },
              complainant: { name: '李四' },
              matter: '索要财物',
            },
            service.token('applicant', 'citizen-1', {}),
            'complaint { id }',
          );
          expect(filed.errors).toBeUndefined();
          const id = filed.data!.fileComplaint.complaint.id as string;
          const live = subscribe<{ complaintId: string; kind: string }>(
            service.baseUrl + '/graphql',
            tokenOf(role),
            'subscription($c: String!, $after: String) { supervisionAlerts(center: $c, after: $after) { complaintId kind } }',
            {
              c: place.center,
              after,
            },
          );
          if (await seenWithin(live, (e) => e.complaintId === id && e.kind === 'COMPLAINT_ESCALATED')) observed.push(scope);
          await live.stop();
        }
        expect(observed).toEqual(expected('Subscription.supervisionAlerts', role).filter((s) => s !== 'cover'));
      },
      30_000,
    );

    it.each(ROLES)(
      'deadlineAlerts as %s deliver exactly the warnings the table reaches',
      async (role) => {
        const observed: Scope[] = [];
        for (const scope of SCOPES) {
          // Entered from paper 40 days late: the watcher (every second here) warns about it.
          const after = await head();
          const t = await caseFor(scope, role, true, true);
          await eventually(
            async () => {
              const res = await service.gql(`query($id: ID!) { case(id: $id) { history { type } } }`, { id: t.caseId }, leaderOf(t.center));
              expect(res.data!.case.history.map((h: { type: string }) => h.type)).toEqual(
                expect.arrayContaining([expect.stringMatching(/^Deadline(WarningIssued|Breached)$/)]),
              );
            },
            { timeoutMs: 15_000, intervalMs: 200 },
          );
          const live = subscribe<{ caseId: string }>(
            service.baseUrl + '/graphql',
            tokenOf(role),
            'subscription($c: String!, $after: String) { deadlineAlerts(center: $c, after: $after) { caseId } }',
            { c: t.center, after },
          );
          if (await seenWithin(live, (e) => e.caseId === t.caseId)) observed.push(scope);
          await live.stop();
        }
        expect(observed).toEqual(expected('Subscription.deadlineAlerts', role));
      },
      90_000,
    );
  });
});
