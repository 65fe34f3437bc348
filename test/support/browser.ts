import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { Availability, describeWhenAvailable } from './environment';

/** Debian's Chromium (`apt-get install chromium`), which `.ci/run` installs when it is missing. */
export const CHROMIUM = process.env.CASETRAIL_CHROMIUM ?? '/usr/bin/chromium';

/** Where the browser tests leave their screenshots. */
export const SCREENSHOTS = join(__dirname, '../../test-output/screenshots');

export function chromiumAvailability(): Availability {
  return existsSync(CHROMIUM) ? { ok: true } : { ok: false, reason: `no Chromium at ${CHROMIUM} (apt-get install chromium)` };
}

/** Runs a suite in a real browser; skipped with its reason where there is none (failed when CI requires it). */
export function describeInBrowser(name: string, suite: () => void): void {
  describeWhenAvailable(name, chromiumAvailability(), 'CASETRAIL_REQUIRE_CHROMIUM', suite);
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}
