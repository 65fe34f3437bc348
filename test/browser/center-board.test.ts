import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
    const caseId = (await act('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant })).case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId });
    await page.waitForFunction(
      (n) => (JSON.parse(document.getElementById('by-window').dataset.counts ?? '{}')['civil-affairs']?.ON_TRACK ?? 0) === n,
      before + 1,
    );
    await page.waitForSelector('#ticker li[data-type="CaseAccepted"]');
    await page.screenshot({ path: join(SCREENSHOTS, 'center-board.png') });
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

  it('asks for a token again when the service refuses the one given', async () => {
    const page = await browser.newPage();
    const forged = jwt.sign({ sub: 'x', role: 'center_leader', center: 'c1' }, 'not-the-secret', { expiresIn: '1h' });
    await page.goto(`${service.baseUrl}/console/#token=${forged}`);
    await page.waitForSelector('#sign-in:not([hidden])');
    expect(await page.isVisible('#refused')).toBe(true);
    await page.close();
  });
});
