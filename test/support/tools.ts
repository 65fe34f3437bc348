import { spawnSync } from 'node:child_process';
import { Availability } from './environment';

/**
 * The programs some tests need beyond Node, in one place. Each is probed once per test file; a missing
 * one makes the suites that need it skip with the reason printed (describeWhenAvailable), or fail where
 * CI says it must be there (CASETRAIL_REQUIRE_*).
 */
export type Tool = 'java' | 'mvn' | 'kcat' | 'docker-compose' | 'curl';

const PROBES: Record<Tool, string[][]> = {
  java: [['java', '-version']],
  mvn: [['mvn', '-version']],
  kcat: [['kcat', '-V']],
  // The README's examples send their requests with curl, as a reader would.
  curl: [['curl', '--version']],
  // `docker compose` where the plugin exists, else Debian's docker-compose; validating needs no engine.
  'docker-compose': [
    ['docker', 'compose', 'version'],
    ['docker-compose', 'version'],
  ],
};

const found = new Map<Tool, string[] | null>();
/** Tools to treat as missing (comma-separated), to check that the suites skip cleanly without them. */
const hidden = new Set((process.env.CASETRAIL_TEST_HIDE_TOOLS ?? '').split(',').map((t) => t.trim()));

/** The command line that runs `tool` here, or null when it is not installed. */
export function toolCommand(tool: Tool): string[] | null {
  if (hidden.has(tool)) return null;
  if (!found.has(tool)) {
    const probe = PROBES[tool].find(([command, ...args]) => {
      const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
      return !run.error && run.status === 0;
    });
    found.set(tool, probe ? probe.slice(0, tool === 'docker-compose' ? probe.length - 1 : 1) : null);
  }
  return found.get(tool)!;
}

/** Available when every tool is; otherwise the first missing one is the reason. */
export function toolsAvailability(...tools: Tool[]): Availability {
  const missing = tools.filter((t) => !toolCommand(t));
  return missing.length ? { ok: false, reason: `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed` } : { ok: true };
}
