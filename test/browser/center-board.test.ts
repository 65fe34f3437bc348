import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { SCREENSHOTS, describeInBrowser, launchBrowser } from '../support/browser';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X' };
/** The page's document, in functions Playwright runs in the page (the tests compile without the DOM's types). */
declare const document: any;

/** The console's center board (电子监察大屏) in Chromium, against the real service. */
describeInBrowser('the center board in a browser', () => {
  // The watcher off: the board's numbers change only by what the tests do.
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '0' });
  let browser: Browser;
  beforeAll(async () => {
    await service.start();
    // Three weeks of demo traffic, so that the board (and its screenshot) looks like a center's.
    const simulated = await service.cli('simulate', '--days', '21', '--cases-per-day', '40', '--seed', '11');
    expect(simulated.status).toBe(0);
    await service.projectionsCaughtUp(60_000);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await service.stop();
    await service.cleanup();
  });

  /** The board signed in with `token`, as a link from `casetrail token --link` opens it. */
  const open = async (token: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${service.baseUrl}/console/#token=${token}`);
    await page.waitForSelector('#board:not([hidden])');
    await page.waitForFunction(() => document.body.dataset.refreshed);
    return page;
  };
  /** Open cases per window and time state, as the chart draws them. */
  const counts = async (page: Page): Promise<Record<string, Record<string, number>>> =>
    JSON.parse((await page.getAttribute('#by-window', 'data-counts')) ?? '{}');
  const act = (name: string, type: string, input: Record<string, unknown>, token = service.token()) =>
    service.ok(
      `mutation($input: ${type}!) { ${name}(input: $input) { case { id } } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );

  it('shows a case accepted through the API without a reload, live, and says it is live', async () => {
    const page = await open(service.token('center_leader', 'leader-c1', { center: 'c1' }));
    expect(await page.getAttribute('#state', 'data-state')).toBe('live');
    // The link's token is taken out of the address bar at once.
    expect(page.url()).not.toContain('token=');
    const before = (await counts(page))['civil-affairs']?.ON_TRACK ?? 0;
    const tile = (id: string) => page.textContent(`[data-tile="${id}"] .value`);
    const receivedToday = Number(await tile('today-received'));
    const caseId = (await act('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant })).case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId });
    await page.waitForFunction(
      (n) => (JSON.parse(document.getElementById('by-window').dataset.counts ?? '{}')['civil-affairs']?.ON_TRACK ?? 0) === n,
      before + 1,
    );
    await page.waitForSelector('#ticker li[data-type="CaseAccepted"]');
    // Today's intake counts it (the demo traffic is backfilled into earlier days).
    expect(Number(await tile('today-received'))).toBe(receivedToday + 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'center-board.png') });
    // The ranking follows the scoreboard's own subscription: a deduction moves it without a reload.
    const civilAffairs = () =>
      page.$eval(
        '#ranking',
        (ol) => [...ol.children].map((li: any) => li.textContent).find((text) => text.includes('civil-affairs')) ?? '',
      );
    await page.waitForFunction(() => document.querySelectorAll('#ranking li:not(.none)').length > 0);
    const ranked = await civilAffairs();
    await service.ok(
      'mutation($input: RecordConductInput!) { recordConduct(input: $input) { lineId } }',
      { input: { commandId: randomUUID(), staffId: 'staff-a', window: 'civil-affairs', code: 'D02', evidence: '考勤记录：迟到' } },
      service.token('center_leader', 'leader-c1', { center: 'c1' }),
    );
    await page.waitForFunction(
      (before) =>
        [...document.getElementById('ranking').children]
          .map((li: any) => li.textContent)
          .find((t: string) => t.includes('civil-affairs')) !== before,
      ranked,
    );
    expect(await civilAffairs()).not.toBe(ranked);
    await page.close();
  });

  it('shows a staff member their own window only, as the API narrows it', async () => {
    await act('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant });
    const other = service.token('staff', 'staff-x', { center: 'c1', window: 'social-security' });
    const page = await open(other);
    const windows = Object.keys(await counts(page));
    expect(windows.every((w) => w === 'social-security')).toBe(true);
    expect(await page.textContent('#center')).toBe('c1 · social-security');
    await page.close();
  });

  it('switches to English and back', async () => {
    const page = await open(service.token('center_leader', 'leader-c1', { center: 'c1' }));
    expect(await page.textContent('h1')).toBe('电子监察大屏');
    await page.click('#language');
    expect(await page.textContent('h1')).toBe('Center board');
    await page.click('#language');
    expect(await page.textContent('h1')).toBe('电子监察大屏');
    await page.close();
  });

  it('opens the audit of a case from the board: every step, backfilled ones marked, and the case as of an earlier moment', async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const caseId = (
      await act('submitCase', 'SubmitCaseInput', {
        itemCode: 'MZ-DB-001',
        applicant,
        occurredAt: hoursAgo(50),
        backfillReason: '纸质台账补录',
      })
    ).case.id as string;
    await act('acceptCase', 'AcceptCaseInput', { caseId, occurredAt: hoursAgo(49), backfillReason: '纸质台账补录' });
    // Sealed up to here by a signed checkpoint; the step after it is not, yet.
    expect((await service.cli('checkpoint')).status).toBe(0);
    // A moment between the acceptance and the step as the service recorded them (as of is recording time).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const between = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19); // China time, as the field takes it
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await act('recordStep', 'RecordStepInput', { caseId, step: '村委会初审', opinion: '同意' });
    const page = await open(service.token('center_leader', 'leader-c1', { center: 'c1' }));
    await page.goto(`${service.baseUrl}/console/case.html#case=${caseId}`);
    await page.waitForFunction(() => document.body.dataset.shown);
    const types = async () => page.$$eval('#timeline tbody tr', (rows) => rows.map((r) => r.getAttribute('data-type')));
    expect(await types()).toEqual(['CaseSubmitted', 'CaseAccepted', 'StepRecorded']);
    expect(await page.$$eval('#timeline tbody tr[data-backfilled]', (rows) => rows.length)).toBe(2);
    // Personal numbers arrive masked.
    expect(await page.textContent('[data-field="applicant"]')).toBe('张三 · 1101**********002X');
    expect(await page.$$eval('#clock-bar .part', (parts) => parts.map((p) => p.className))).toContain('part used');
    // Each step in a sentence, and its place in the audit chain.
    const column = (n: number) => page.$$eval(`#timeline tbody td:nth-child(${n})`, (cells) => cells.map((c) => c.textContent));
    expect(await column(2)).toEqual(['申请 / 收件', '受理', '环节办理']);
    expect((await column(6))[2]).toContain('环节「村委会初审」办理完毕（通过），意见：同意');
    const chain = () => page.$$eval('#timeline tbody td[data-chain]', (cells) => cells.map((c) => c.getAttribute('data-chain')));
    expect(await chain()).toEqual(['SEALED', 'SEALED', 'CHAINED']);
    expect(await page.getAttribute('#chain-text', 'data-ok')).toBe('true');
    expect(await page.textContent('#chain-text')).toContain('3 条记录中 2 条已由签名检查点封存');
    // The case's GB/T 39046 records.
    expect(await page.textContent('[data-record="acceptance"]')).toContain('城乡');
    expect(await page.textContent('[data-record="steps"]')).toContain('村委会初审');
    await page.screenshot({ path: join(SCREENSHOTS, 'case-audit.png'), fullPage: true });
    // As the case stood between the acceptance and the step.
    await page.fill('#as-of', between);
    const shown = await page.getAttribute('body', 'data-shown');
    await page.click('#as-of-form button[type="submit"]');
    await page.waitForFunction((before) => document.body.dataset.shown !== before, shown);
    expect(await types()).toEqual(['CaseSubmitted', 'CaseAccepted']);
    expect(await page.getAttribute('body', 'data-as-of')).not.toBe('');

    // The full numbers: refused to the center's leader (not a handling role), shown to the window's staff
    // with the read recorded.
    const reveal = async (p: Page) => {
      await p.fill('#reveal-reason', '窗口核验身份');
      await p.click('#reveal-form button');
      await p.waitForSelector('#reveal-answer:not([hidden])');
      return { revealed: await p.getAttribute('#reveal-answer', 'data-revealed'), text: await p.textContent('#reveal-answer') };
    };
    expect(await reveal(page)).toMatchObject({ revealed: 'false', text: expect.stringContaining('AUTH.FORBIDDEN') });
    const staffPage = await browser.newPage();
    await staffPage.goto(`${service.baseUrl}/console/#token=${service.token()}`);
    await staffPage.goto(`${service.baseUrl}/console/case.html#case=${caseId}`);
    await staffPage.waitForFunction(() => document.body.dataset.shown);
    const shownToStaff = await reveal(staffPage);
    expect(shownToStaff.revealed).toBe('true');
    expect(shownToStaff.text).toContain('11010519491231002X');
    const reads = await service.ok(
      'query { personalDataReads(center: "c1") { edges { node { caseId reason } } } }',
      {},
      service.token('oversight', 'insp', { centers: ['c1'] }),
    );
    expect(reads.edges.map((e: { node: unknown }) => e.node)).toContainEqual({ caseId, reason: '窗口核验身份' });
    await staffPage.close();

    // An event edited in the store behind the service's back: the audit names it, and the chain after it is void.
    const db = new Database(join(service.dir, 'casetrail.db'));
    db.prepare(`UPDATE events SET data = json_set(data, '$.opinion', '不同意') WHERE stream_id = ? AND type = 'StepRecorded'`).run(
      `case-${caseId}`,
    );
    db.close();
    await page.click('#now');
    await page.waitForFunction(() => document.querySelectorAll('#timeline td[data-chain="BROKEN"]').length === 1);
    expect(await chain()).toEqual(['CHAINED', 'CHAINED', 'BROKEN']);
    expect(await page.textContent('#chain-text')).toContain('HASH_MISMATCH');
    await page.close();
  });

  it('replays the center between two instants, forward and back, the board redrawn as it stood after each step', async () => {
    // Whole seconds, as the page's fields take them, with nothing else recorded in the span.
    const wholeSecondAhead = async () => {
      const at = Math.ceil(Date.now() / 1000) * 1000 + 1000;
      await new Promise((resolve) => setTimeout(resolve, at - Date.now() + 50));
      return new Date(at).toISOString();
    };
    const from = await wholeSecondAhead();
    const caseId = (await act('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant })).case.id as string;
    await act('acceptCase', 'AcceptCaseInput', { caseId });
    await act('completeCase', 'CompleteCaseInput', { caseId, outcome: 'APPROVED' });
    const to = await wholeSecondAhead();
    await service.projectionsCaughtUp();
    const page = await open(service.token('center_leader', 'leader-c1', { center: 'c1' }));
    await page.goto(`${service.baseUrl}/console/replay.html#from=${from}&to=${to}`);
    await page.waitForFunction(() => document.body.dataset.step === '0');
    const steps = await page.$$eval('#events li', (items) => items.map((li) => li.getAttribute('data-type')));
    expect(steps).toEqual(['CaseSubmitted', 'CaseAccepted', 'CaseCompleted']);
    const at = async (button: string, step: number) => {
      await page.click(button);
      await page.waitForFunction((n) => document.body.dataset.step === String(n), step);
      const open = (await counts(page))['civil-affairs']?.ON_TRACK ?? 0;
      const completedToday = Number(await page.textContent('[data-tile="today-completed"] .value'));
      return { open, completedToday };
    };
    const submitted = await at('#first', 0);
    const accepted = await at('#forward', 1);
    expect(accepted.open).toBe(submitted.open + 1); // its clock runs from acceptance
    const completed = await at('#forward', 2);
    expect(completed).toEqual({ open: submitted.open, completedToday: accepted.completedToday + 1 });
    await page.screenshot({ path: join(SCREENSHOTS, 'replay.png') });
    expect(await at('#back', 1)).toEqual(accepted);
    // One case's replay, from its audit.
    await page.goto(`${service.baseUrl}/console/case.html#case=${caseId}`);
    await page.waitForFunction(() => document.body.dataset.shown);
    await page.click('#replay-link');
    await page.waitForFunction(() => document.body.dataset.step === '0');
    expect(await page.$$eval('#events li', (items) => items.length)).toBe(3);
    await page.close();
  });

  it("shows a joint case's reviews on its audit: who owes an opinion, who gave one", async () => {
    const lead = service.token('staff', 'enterprise-services-a', { center: 'c1', window: 'enterprise-services' });
    const caseId = (await act('submitCase', 'SubmitCaseInput', { itemCode: 'SC-KB-001', applicant }, lead)).case.id as string;
    await act('acceptCase', 'AcceptCaseInput', { caseId }, lead);
    await act(
      'recordOpinion',
      'RecordOpinionInput',
      { caseId, opinion: 'AGREE' },
      service.token('staff', 'ss-a', { center: 'c1', window: 'social-security' }),
    );
    const page = await open(service.token('center_leader', 'leader-c1', { center: 'c1' }));
    await page.goto(`${service.baseUrl}/console/case.html#case=${caseId}`);
    await page.waitForFunction(() => document.body.dataset.shown);
    expect(await page.isVisible('#shared-panel')).toBe(true);
    const rows = await page.$$eval('#reviews tr[data-window]', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-window'), tr.getAttribute('data-state')]),
    );
    expect(rows).toEqual([
      ['social-security', 'ANSWERED_ON_TIME'],
      ['medical-insurance', 'ON_TRACK'],
      ['health-family', 'ON_TRACK'],
    ]);
    expect(await page.textContent('#reviews')).toContain('同意');
    await page.close();
  });

  it('fits a laptop screen (1366×768): nothing runs off to the side, on the board, the audit or the replay', async () => {
    const page = await open(service.token('center_leader', 'leader-c1', { center: 'c1' }));
    await page.setViewportSize({ width: 1366, height: 768 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.waitForTimeout(300); // the chart redraws on resize
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'center-board-laptop.png') });
    const caseId = await page.getAttribute('#warnings li[data-case]', 'data-case');
    await page.goto(`${service.baseUrl}/console/case.html#case=${caseId}`);
    await page.waitForFunction(() => document.body.dataset.shown);
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'case-audit-laptop.png'), fullPage: true });
    await page.goto(`${service.baseUrl}/console/replay.html#case=${caseId}`);
    await page.waitForFunction(() => document.body.dataset.step === '0');
    expect(await overflow()).toBe(0);
    await page.close();
  });

  it('opens the GraphQL IDE signed in, and runs a query with the token', async () => {
    const page = await open(service.token('staff', 'staff-a', { center: 'c1', window: 'civil-affairs' }));
    const blocked: string[] = [];
    page.on('console', (m) => (/Content Security Policy|Refused to/.test(m.text()) ? blocked.push(m.text().slice(0, 200)) : undefined));
    await page.goto(`${service.baseUrl}/graphql`); // a browser opening the endpoint is taken to the IDE
    expect(page.url()).toBe(`${service.baseUrl}/console/graphiql/`);
    await page.waitForSelector('.graphiql-execute-button');
    expect(await page.isVisible('#sign-in')).toBe(false);
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => /totalCount/.test(document.querySelector('.result-window')?.textContent ?? ''));
    const result = (await page.textContent('.result-window')) ?? '';
    // Only the staff member's window, as the API narrows it for their token.
    expect(result).toContain('civil-affairs');
    expect(result).not.toMatch(/social-security|UNAUTHENTICATED/);
    await page.screenshot({ path: join(SCREENSHOTS, 'graphiql.png') });
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('asks for a token again when the service refuses the one given', async () => {
    const page = await browser.newPage();
    const forged = jwt.sign({ sub: 'x', role: 'center_leader', center: 'c1' }, 'not-the-secret', { expiresIn: '1h' });
    await page.goto(`${service.baseUrl}/console/#token=${forged}`);
    await page.waitForSelector('#sign-in:not([hidden])');
    expect(await page.isVisible('#refused')).toBe(true);
    await page.close();
  });
});

describeInBrowser('the center board follows the watcher and survives a restart', () => {
  // The deadline watcher every second, on a store with nothing else in it.
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  let browser: Browser;
  beforeAll(async () => {
    await service.start();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await service.stop();
    await service.cleanup();
  });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const staff = () => service.token('staff', 'staff-s', { center: 'c1', window: 'social-security' });
  const act = (name: string, input: Record<string, unknown>) =>
    service.ok(
      `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { case { id } } }`,
      {
        input: { commandId: randomUUID(), ...input },
      },
      staff(),
    );

  it('turns a case red when the watcher finds it past its due date, without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${service.baseUrl}/console/#token=${service.token('center_leader', 'leader-c1', { center: 'c1' })}`);
    await page.waitForFunction(() => document.body.dataset.refreshed);
    expect(await page.isVisible('#warnings li[data-state="OVERDUE"]')).toBe(false);
    // Entered from paper: received and accepted 40 days ago, for an item promised in 3 working days.
    const caseId = (
      await act('submitCase', { itemCode: 'RS-YL-001', applicant, occurredAt: hoursAgo(961), backfillReason: '纸质台账补录' })
    ).case.id as string;
    await act('acceptCase', { caseId, occurredAt: hoursAgo(960), backfillReason: '纸质台账补录' });
    await page.waitForSelector(`#warnings li[data-case="${caseId}"][data-state="OVERDUE"]`, { timeout: 30_000 });
    await page.waitForFunction(() => JSON.parse(document.getElementById('by-window').dataset.counts)['social-security']?.OVERDUE === 1);
    await page.close();
  });

  it('says it is reconnecting while the service is away, and catches up with what happened meanwhile', async () => {
    const page = await browser.newPage();
    await page.goto(`${service.baseUrl}/console/#token=${service.token('center_leader', 'leader-c1', { center: 'c1' })}`);
    await page.waitForFunction(() => document.getElementById('state').dataset.state === 'live');
    await service.stop();
    await page.waitForFunction(() => document.getElementById('state').dataset.state === 'reconnecting');
    expect(await page.textContent('#state')).toBe('重新连接中…');
    await page.evaluate(() => document.getElementById('ticker').replaceChildren());
    // Recorded while the service is away (a paper backlog entered with the command line).
    const simulated = await service.cli('simulate', '--days', '3', '--cases-per-day', '3', '--seed', '5');
    expect([simulated.status, simulated.out]).toEqual([0, expect.not.stringContaining(' 0 cases')]);
    await service.start();
    await page.waitForFunction(() => document.getElementById('state').dataset.state === 'live', undefined, { timeout: 30_000 });
    // The subscriptions resumed from the last position they had: what was recorded meanwhile arrives.
    await page.waitForSelector('#ticker li[data-type="CaseSubmitted"]');
    await page.close();
  });
});
