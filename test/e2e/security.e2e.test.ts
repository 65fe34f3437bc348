import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { rawGet } from '../support/raw-http';
import { subscribe } from '../support/live-client';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
const SUBMIT = `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id receiptNo } } }`;

describe('security over the API (end to end)', () => {
  // A low cost limit, so that ten mutations in one request are enough to pass it (CASETRAIL_MAX_QUERY_COST is honoured).
  const service = new TestService({ CASETRAIL_MAX_QUERY_COST: '500' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const staff = () => service.token();
  const oversight = (centers = ['c1']) => service.token('oversight', 'inspector-1', { centers });
  const submit = async () =>
    (await service.ok(SUBMIT, { input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'] } })) as {
      case: { id: string; receiptNo: string };
    };
  const head = async () => Number(await service.logHead());
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(service.url, { method: 'POST', headers: { authorization: `Bearer ${staff()}`, ...headers }, body });

  describe('requests refused before any resolver runs (the witness: nothing is recorded)', () => {
    const submitInput = () => ({ commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'] });

    it('refuses an over-deep, an over-costly and an over-aliased mutation, and records nothing', async () => {
      // A request within the limits runs and records its case: the head position moves.
      const before = await head();
      await service.ok(
        `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { history { actor { id } } timeLimit { urgings { periodEndsOn } } } } }`,
        { input: submitInput() },
      );
      const after = await head();
      expect(after).toBeGreaterThan(before);

      const nested = `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { ...F0 } } } ${Array.from({ length: 8 }, (_, i) => `fragment F${i} on Case { ${i < 7 ? `history { actor { id } } ...F${i + 1}` : 'id'} }`).join(' ')}`;
      const overDeep = await service.gql(nested, { input: submitInput() });
      expect(overDeep.errors![0].extensions!.code).toBe('QUERY.TOO_DEEP');

      const aliases = Array.from({ length: 16 }, (_, i) => `s${i}: submitCase(input: $input) { case { id } }`).join(' ');
      const overAliased = await service.gql(`mutation($input: SubmitCaseInput!) { ${aliases} }`, { input: submitInput() });
      expect(overAliased.errors!.map((e) => e.extensions!.code)).toContain('QUERY.TOO_MANY_ALIASES');

      const page =
        'case { id applicant { name } timeLimit { dueDate state urgings { periodEndsOn } } history { actor { id role } data type position } }';
      const costly = Array.from({ length: 10 }, (_, i) => `s${i}: submitCase(input: $input) { ${page} }`).join(' ');
      const overCostly = await service.gql(`mutation($input: SubmitCaseInput!) { ${costly} }`, { input: submitInput() });
      expect(overCostly.errors!.map((e) => e.extensions!.code)).toEqual(['QUERY.TOO_COSTLY']);

      expect(await head()).toBe(after);
    });

    it('refuses batched requests and several operations in one document, and records nothing', async () => {
      const before = await head();
      const op = { query: SUBMIT, variables: { input: submitInput() } };
      const batched = await post(JSON.stringify([op, { ...op, variables: { input: submitInput() } }]));
      expect(batched.status).toBe(400);
      const two = await service.gql(`${SUBMIT} query Other { calendarStatus { warnings } }`, { input: submitInput() });
      expect(two.errors![0].extensions!.code).toBe('QUERY.TOO_MANY_OPERATIONS');
      const tokens = await service.gql(`{ calendarStatus { ${'warnings '.repeat(2100)} } }`);
      expect(tokens.errors![0].extensions!.code).toBe('QUERY.TOO_MANY_TOKENS');
      expect(await head()).toBe(before);
    });

    it('refuses a cross-site form post (CSRF prevention: only JSON is taken) without running it', async () => {
      const before = await head();
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const form = await post(JSON.stringify({ query: SUBMIT, variables: { input: submitInput() } }), { 'content-type': type });
        expect(form.status).toBe(415);
        expect(await form.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' } }] });
      }
      // A GET carries no body and is refused by Apollo's own CSRF check unless it says it is no form.
      const get = await fetch(`${service.url}?query=${encodeURIComponent('{ calendarStatus { warnings } }')}`, {
        headers: { authorization: `Bearer ${staff()}` },
      });
      expect(get.status).toBe(400);
      expect(await get.text()).toMatch(/CSRF|preflight/i);
      expect(await head()).toBe(before);
    });

    it('refuses an over-aliased subscription before it starts', async () => {
      const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: type`).join(' ');
      const live = subscribe(service.baseUrl + '/graphql', staff(), `subscription { caseEvents(caseId: "x") { ${aliases} } }`);
      await eventually(() => expect(live.errors.flat()).toMatchObject([{ extensions: { code: 'QUERY.TOO_MANY_ALIASES' } }]));
      await live.stop();
    });
  });

  describe('errors that say what to do', () => {
    it('answers a body over the limit, or not JSON, in GraphQL’s shape with a code and the limit, recording nothing', async () => {
      const head = await service.logHead();
      const big = await post(JSON.stringify({ query: '{ calendarStatus { warnings } }', padding: 'x'.repeat(300 * 1024) }));
      expect(big.status).toBe(413);
      expect(await big.json()).toEqual({
        errors: [
          { message: 'The request body is larger than the limit of 256 kB', extensions: { code: 'REQUEST.TOO_LARGE', limitKb: 256 } },
        ],
      });
      const broken = await post('{"query": ');
      expect(broken.status).toBe(400);
      expect(await broken.json()).toEqual({
        errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'REQUEST.MALFORMED' } }],
      });
      expect(await service.logHead()).toBe(head);
    });

    it('answers the HTTP layer’s own refusals in GraphQL’s shape with a code: unknown path, not JSON, headers too large', async () => {
      const nowhere = await fetch(`${service.baseUrl}/nowhere`);
      expect(nowhere.status).toBe(404);
      expect(await nowhere.json()).toEqual({ errors: [{ message: 'Cannot GET /nowhere', extensions: { code: 'REQUEST.NOT_FOUND' } }] });
      const xml = await post('<query/>', { 'content-type': 'application/xml' });
      expect(xml.status).toBe(415);
      expect(await xml.json()).toEqual({
        errors: [
          {
            message: 'Send GraphQL requests as JSON, with Content-Type: application/json',
            extensions: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' },
          },
        ],
      });
      // 20 kB of headers: over Node's 16 kB, refused by its parser before any route.
      const answer = await rawGet(`${service.baseUrl}/health/live`, { 'x-padding': 'x'.repeat(20 * 1024) });
      expect(answer.status).toBe(431);
      expect(JSON.parse(answer.body)).toEqual({
        errors: [{ message: 'The request headers are larger than 16 kB', extensions: { code: 'REQUEST.HEADERS_TOO_LARGE' } }],
      });
      // The health checks keep their own report: a refusal's shape is not forced on them.
      expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
    });

    it('refuses a time that does not exist, naming it, and writes field paths from the input down', async () => {
      const res = await service.gql(
        `mutation { submitCase(input: { commandId: "d1", itemCode: "MZ-DB-001", occurredAt: "2026-02-30T10:00:00+08:00", applicant: { name: "张三", idNumber: "11010519491231002X" } }) { case { id } } }`,
      );
      expect(res.errors![0].message).toContain('"2026-02-30T10:00:00+08:00" is not a DateTime');
      const byVariable = await service.gql(`mutation($i: SubmitCaseInput!) { submitCase(input: $i) { case { id } } }`, {
        i: {
          commandId: 'd2',
          itemCode: 'MZ-DB-001',
          occurredAt: '2026-03-02T24:00:00+08:00',
          applicant: { name: '张三', idNumber: '11010519491231002X' },
        },
      });
      expect(byVariable.errors![0].message).toContain('at "i.occurredAt"');
      // Times and days outside the business range (2000-01-01 to 2099-12-31) are refused before any work:
      // a case dated in year 0000 once made every read of it walk two thousand years of calendar.
      const before = await head();
      const outside = expect.stringContaining('lies outside the days business may be dated: 2000-01-01 to 2099-12-31');
      for (const [occurredAt, message] of [
        // Years before 100 are not read as days at all; later ones name the range.
        ['0000-01-03T09:00:00+08:00', expect.stringContaining('is not a DateTime')],
        ['0001-01-03T09:00:00+08:00', expect.stringContaining('is not a DateTime')],
        ['1900-01-02T09:00:00+08:00', outside],
        ['1999-12-31T23:59:59+08:00', outside],
      ] as const) {
        const old = await service.gql(`mutation($i: SubmitCaseInput!) { submitCase(input: $i) { case { id } } }`, {
          i: { commandId: randomUUID(), itemCode: 'MZ-DB-001', occurredAt, backfillReason: '纸质台账补录', applicant },
        });
        expect([occurredAt, old.errors![0].extensions!.code, old.errors![0].message]).toEqual([occurredAt, 'BAD_USER_INPUT', message]);
      }
      const farDay = await service.gql(
        `{ kpis(center: "c1", period: "2026-11", groupBy: CENTER) { received } calendarStatus { warnings } }`,
      );
      expect(farDay.errors).toBeUndefined();
      const leave = await service.mutate(
        'recordLeave',
        { staffId: 'staff-a', startsOn: '2100-01-04', reason: '事假', approvedBy: '王主任', approver: 'CENTER_DIRECTOR' },
        'leaveId',
        service.token('center_leader', 'leader-1', { center: 'c1' }),
      );
      expect(leave.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(await head()).toBe(before);
      const fields = await service.gql(`mutation($i: SubmitCaseInput!) { submitCase(input: $i) { case { id } } }`, {
        i: { commandId: 'bad id!', itemCode: 'MZ-DB-001', applicant: { name: '', idNumber: '1' } },
      });
      expect((fields.errors![0].extensions!.issues as Array<{ field: string }>).map((i) => i.field)).toEqual(['commandId']);
      const rules = await service.gql(`mutation($i: SubmitCaseInput!) { submitCase(input: $i) { case { id } } }`, {
        i: { commandId: 'd3', itemCode: 'MZ-DB-001', applicant: { name: '', idNumber: '1' } },
      });
      expect((rules.errors![0].extensions!.issues as Array<{ field: string }>).map((i) => i.field)).toEqual([
        'applicant.name',
        'applicant.idNumber',
      ]);
    });
  });

  describe('text no store can keep', () => {
    it('refuses NUL and unpaired surrogates in any text as validation, on either store, and records nothing', async () => {
      const before = await head();
      for (const name of ['张\u0000三', '张三\uD800', '\uDC00张三']) {
        const res = await service.gql(SUBMIT, {
          input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant: { ...applicant, name }, materials: ['书面申请'] },
        });
        expect([JSON.stringify(name), res.errors![0].extensions!.code, res.errors![0].extensions!.issues]).toEqual([
          JSON.stringify(name),
          'VALIDATION.FAILED',
          [{ field: 'applicant.name', message: 'must not contain NUL or unpaired surrogate characters' }],
        ]);
      }
      // In a query's arguments too (once the cause of INTERNAL on PostgreSQL).
      const query = await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: 'case-\u0000' });
      expect(query.errors![0].extensions!.code).toBe('VALIDATION.FAILED');
      expect(await head()).toBe(before);
      // A pair is a character, not a fault: an emoji in a name is kept.
      expect(
        (
          await service.gql(SUBMIT, {
            input: { commandId: randomUUID(), itemCode: 'MZ-DB-001', applicant: { ...applicant, name: '张三😀' }, materials: [] },
          })
        ).errors,
      ).toBeUndefined();
    });
  });

  describe('tokens', () => {
    const forge = (payload: object, options: jwt.SignOptions = {}) => jwt.sign(payload, service.secret, { algorithm: 'HS256', ...options });

    it('refuses expired tokens, tokens without expiry, tokens that live longer than a day (judged now, whatever iat says), tokens issued in the future and system tokens', async () => {
      const cases = [
        forge({ role: 'staff', center: 'c1' }, { subject: 'u', expiresIn: -10 }),
        forge({ role: 'staff', center: 'c1', sub: 'u' }),
        forge({ role: 'staff', center: 'c1' }, { subject: 'u', expiresIn: '7d' }),
        forge({ role: 'system' }, { subject: 'deadline-watcher', expiresIn: '1h' }),
        // Issued "in 30 days" and living its 24 hours from then: valid for 31 days from now, were the
        // lifetime judged by iat alone.
        forge({ role: 'staff', center: 'c1', iat: Math.floor(Date.now() / 1000) + 30 * 86_400 }, { subject: 'u', expiresIn: '24h' }),
        // A modest future iat within a day's lifetime is refused too: a token is not issued later than now.
        forge({ role: 'staff', center: 'c1', iat: Math.floor(Date.now() / 1000) + 3_600 }, { subject: 'u', expiresIn: '1h' }),
      ];
      for (const token of cases) {
        const res = await service.gql('{ calendarStatus { warnings } }', {}, token);
        expect([res.status, res.errors![0].extensions!.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
      }
    });

    it('tells the holder of an expired token when it expired and how to get a new one', async () => {
      const res = await service.gql(
        '{ calendarStatus { warnings } }',
        {},
        forge({ role: 'staff', center: 'c1' }, { subject: 'u', expiresIn: -10 }),
      );
      expect(res.errors![0].message).toMatch(
        /^The token expired at \d{4}-\d{2}-\d{2}T[\d:.]+Z: get a new one \(sign in again, or ask an administrator: npx --no-install casetrail token …\)$/,
      );
    });

    it('closes a WebSocket whose token expires with 4403, and delivers nothing after', async () => {
      const { case: c } = await submit();
      const short = forge({ role: 'staff', center: 'c1', window: 'civil-affairs' }, { subject: 'staff-a', expiresIn: 2 });
      const live = subscribe<{ type: string }>(
        service.baseUrl + '/graphql',
        short,
        `subscription($id: ID!) { caseEvents(caseId: $id, after: "-1") { type } }`,
        { id: c.id },
      );
      await eventually(() => expect(live.received.map((e) => e.type)).toEqual(['CaseSubmitted']));
      expect(await live.closed).toBe(4403);
      await service.ok(`mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { position } }`, {
        input: { commandId: randomUUID(), caseId: c.id },
      });
      expect(live.received).toHaveLength(1);
    });
  });

  describe('reach is scoped by center', () => {
    it('refuses a token of another center whose user id is the handler of a case, to read it or to act on it', async () => {
      // staff-a of center c1 handles the case; a c2 token with the same user id reaches none of it.
      const { case: c } = await submit();
      const namesake = service.token('staff', 'staff-a', { center: 'c2', window: 'civil-affairs' });
      const before = await head();
      const read = await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: c.id }, namesake);
      expect(read.errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
      const accepted = await service.mutate('acceptCase', { caseId: c.id }, 'case { status }', namesake);
      expect(accepted.errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
      const sheet = await service.gql(`{ scoreSheet(staffId: "staff-a", center: "c1", period: "2026-11") { total } }`, {}, namesake);
      expect(sheet.errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
      const listed = await service.gql(`{ cases(first: 10) { edges { node { id } } } }`, {}, namesake);
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.cases.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(c.id);
      expect(await head()).toBe(before);
      // The handler's own token still reaches it.
      expect((await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: c.id }, staff())).errors).toBeUndefined();
    });
  });

  describe('personal data', () => {
    it('shows full numbers only through a recorded read, which oversight can list', async () => {
      const { case: c } = await submit();
      const read = `mutation($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { idNumber phone readId duplicate } }`;
      const forestry = service.token('staff', 'staff-f', { center: 'c1', window: 'forestry' });
      const before = await head();
      const refused = await service.gql(read, { input: { commandId: randomUUID(), caseId: c.id, reason: '核对身份' } }, forestry);
      expect(refused.errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
      const noReason = await service.gql(read, { input: { commandId: randomUUID(), caseId: c.id, reason: 'ok' } });
      expect(noReason.errors![0].extensions!.code).toBe('DISCLOSURE.REASON_REQUIRED');
      expect(await head()).toBe(before);

      const shown = await service.ok(read, { input: { commandId: randomUUID(), caseId: c.id, reason: '窗口核对身份证原件' } });
      expect(shown).toMatchObject({ idNumber: applicant.idNumber, phone: applicant.phone, duplicate: false });

      const list = `query($center: String!) { personalDataReads(center: $center) { totalCount edges { node { id reader { id role } caseId receiptNo reason } } } }`;
      await eventually(async () => {
        const reads = (await service.ok(list, { center: 'c1' }, oversight())) as { edges: Array<{ node: unknown }> };
        expect(reads.edges.map((e) => e.node)).toContainEqual({
          id: shown.readId,
          reader: { id: 'staff-a', role: 'staff' },
          caseId: c.id,
          receiptNo: c.receiptNo,
          reason: '窗口核对身份证原件',
        });
      });
      expect((await service.gql(list, { center: 'c1' }, oversight(['c2']))).errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
      expect((await service.gql(list, { center: 'c1' }, staff())).errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
    });

    it('never answers a reused command id with the first result: another user, or other input, gets COMMAND.ID_REUSED', async () => {
      const { case: c } = await submit();
      const read = `mutation($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { idNumber phone readId duplicate } }`;
      const commandId = randomUUID();
      const first = await service.ok(read, { input: { commandId, caseId: c.id, reason: '窗口核对身份证原件' } });
      expect(first).toMatchObject({ idNumber: applicant.idNumber, duplicate: false });
      // A colleague of the same window replays the id: no numbers, and nothing recorded in their name either.
      const colleague = service.token('staff', 'staff-b', { center: 'c1', window: 'civil-affairs' });
      const before = await head();
      const replayed = await service.gql(read, { input: { commandId, caseId: c.id, reason: '窗口核对身份证原件' } }, colleague);
      expect(replayed.errors![0].extensions!.code).toBe('COMMAND.ID_REUSED');
      expect(replayed.data).toBeNull();
      // The same user with another reason is not a retry either.
      const otherInput = await service.gql(read, { input: { commandId, caseId: c.id, reason: '另一事由核对' } });
      expect(otherInput.errors![0].extensions!.code).toBe('COMMAND.ID_REUSED');
      expect(await head()).toBe(before);
      // A true retry is answered as a duplicate.
      expect(await service.ok(read, { input: { commandId, caseId: c.id, reason: '窗口核对身份证原件' } })).toMatchObject({
        duplicate: true,
      });
      // The same holds for any command: a case command's id replayed by another user.
      const acceptId = randomUUID();
      expect(
        (
          await service.gql(`mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { case { status } } }`, {
            input: { commandId: acceptId, caseId: c.id },
          })
        ).errors,
      ).toBeUndefined();
      const again = await service.gql(
        `mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { case { status } } }`,
        { input: { commandId: acceptId, caseId: c.id } },
        colleague,
      );
      expect(again.errors![0].extensions!.code).toBe('COMMAND.ID_REUSED');
    });

    it('lets an applicant follow their own case by receipt number and identity suffix, and limits guessing', async () => {
      const { case: c } = await submit();
      const me = service.token('applicant', 'citizen-1', {});
      const progress = `query($r: String!, $s: String!) { caseProgress(receiptNo: $r, idNumberLast6: $s) { receiptNo status itemName steps { type } missingMaterials } }`;
      expect(await service.ok(progress, { r: c.receiptNo, s: '31002x' }, me)).toEqual({
        receiptNo: c.receiptNo,
        status: 'SUBMITTED',
        itemName: expect.any(String),
        steps: [{ type: 'CaseSubmitted' }],
        missingMaterials: [],
      });
      expect((await service.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: c.id }, me)).errors![0].extensions!.code).toBe(
        'AUTH.FORBIDDEN',
      );
      for (let i = 0; i < 5; i++) expect(await service.ok(progress, { r: c.receiptNo, s: `00000${i}` }, me)).toBeNull();
      const locked = await service.gql(progress, { r: c.receiptNo, s: '31002X' }, me);
      expect(locked.errors![0].extensions!.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    });
  });

  describe('guessing limits that hold across spellings and instances', () => {
    it('counts a receipt number with spaces around it as the same number, and counts on every instance of the deployment', async () => {
      const { case: c } = await submit();
      const me = service.token('applicant', 'citizen-2', {});
      const progress = `query($r: String!, $s: String!) { caseProgress(receiptNo: $r, idNumberLast6: $s) { receiptNo } }`;
      const other = service.sibling();
      await other.start();
      try {
        // Five wrong guesses in all: spelled three ways, on two instances.
        for (const [instance, r] of [
          [service, c.receiptNo],
          [service, ` ${c.receiptNo}`],
          [other, `${c.receiptNo}  `],
          [other, `\t${c.receiptNo}`],
          [service, c.receiptNo],
        ] as const)
          expect((await instance.gql(progress, { r, s: '000000' }, me)).data!.caseProgress).toBeNull();
        // The sixth, right this time and on either instance in any spelling, is locked out.
        for (const [instance, r] of [
          [other, c.receiptNo],
          [service, ` ${c.receiptNo} `],
        ] as const)
          expect((await instance.gql(progress, { r, s: '31002X' }, me)).errors![0].extensions!.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
      } finally {
        await other.stop();
      }
    });
  });

  describe('production mode', () => {
    const production = new TestService({ NODE_ENV: 'production' });
    beforeAll(() => production.start());
    afterAll(async () => {
      await production.stop();
      await production.cleanup();
    });

    it('turns introspection and field suggestions off, and never shows a stack trace', async () => {
      const introspection = await production.gql('{ __schema { types { name } } }');
      expect(introspection.errors![0].message).toMatch(/introspection/i);
      const typo = await production.gql('{ calendarStatu { warnings } }');
      expect(typo.errors![0].message).not.toMatch(/Did you mean/);
      expect(JSON.stringify(typo)).not.toMatch(/stacktrace|at .*\.js:\d+/);
      const typoInDevelopment = await service.gql('{ calendarStatu { warnings } }');
      expect(typoInDevelopment.errors![0].message).toMatch(/Did you mean "calendarStatus"/);
    });

    it('serves no GraphQL IDE, and a browser opening the endpoint is not sent to one', async () => {
      const ide = await fetch(`${production.baseUrl}/console/graphiql/`);
      expect(ide.status).toBe(404);
      expect(((await ide.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('REQUEST.IDE_OFF');
      expect((await fetch(`${production.baseUrl}/console/vendor/graphiql/graphiql.min.js`)).status).toBe(404);
      const browser = await fetch(`${production.baseUrl}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(browser.status).not.toBe(302);
    });
  });

  describe('the GraphQL IDE in development', () => {
    it('sends a browser opening the endpoint to the IDE, and answers introspection only with a token', async () => {
      const browser = await fetch(`${service.baseUrl}/graphql`, {
        headers: { accept: 'text/html,application/xhtml+xml' },
        redirect: 'manual',
      });
      expect([browser.status, browser.headers.get('location')]).toEqual([302, '/console/graphiql/']);
      const ide = await fetch(`${service.baseUrl}/console/graphiql/`);
      expect(ide.status).toBe(200);
      expect(ide.headers.get('content-security-policy')).toContain("script-src 'self'");
      for (const asset of [
        'graphiql/graphiql.min.js',
        'graphiql/graphiql.min.css',
        'react/react.production.min.js',
        'react-dom/react-dom.production.min.js',
      ])
        expect([asset, (await fetch(`${service.baseUrl}/console/vendor/${asset}`)).status]).toEqual([asset, 200]);
      // A client asking for JSON over GET still reaches Apollo.
      const json = await fetch(`${service.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { authorization: `Bearer ${service.token()}`, 'apollo-require-preflight': 'true' },
      });
      expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
      const anonymous = await service.gql('{ __schema { queryType { name } } }', {}, null);
      expect(anonymous.errors![0].extensions!.code).toBe('AUTH.UNAUTHENTICATED');
    });
  });
});
