import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../config';
import { signToken } from '../infrastructure/auth/tokens';
import { freePort } from '../infrastructure/http/free-port';

/**
 * The service over HTTP, as a client sees it: the real service (`dist/main.js`) started on a fresh
 * SQLite store in a temporary directory, on loopback, and driven by this process. Both share the
 * machine, as a center's server and its clients do not; the figures are therefore a floor.
 */
export interface HttpRun {
  label: string;
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** Requests per second over the first and the last tenth of the run: does the cost grow with the day? */
  firstTenth: number;
  lastTenth: number;
}

const SECRET = 'bench-secret-'.padEnd(48, 'x');

export class BenchService {
  constructor(
    private readonly main = join(packageRoot(), 'dist/main.js'),
    /** e.g. `--cpu-prof --cpu-prof-dir=<dir>`: the service writes its profile when it stops. */
    private readonly nodeArgs: string[] = [],
  ) {}

  readonly dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-http-'));
  url = '';
  private child?: ChildProcess;
  private output = '';

  token(claims: Parameters<typeof signToken>[1]): string {
    return signToken(SECRET, claims);
  }

  /**
   * Starts the service and waits until it listens and every read model is up to date (a store without
   * read models has them rebuilt in the background first). Returns the seconds to each.
   */
  async start(env: Record<string, string> = {}): Promise<{ listening: number; upToDate: number }> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}/graphql`;
    const started = performance.now();
    this.child = spawn(process.execPath, [...this.nodeArgs, this.main], {
      cwd: this.dir,
      env: {
        PATH: process.env.PATH,
        EVENT_STORE_URL: `sqlite:${join(this.dir, 'casetrail.db')}`,
        CASETRAIL_JWT_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 600_000;
    let listening: number | undefined;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the service exited at start-up:\n${this.output}`);
      try {
        const res = await fetch(this.url.replace('/graphql', '/health/ready'));
        listening ??= (performance.now() - started) / 1000;
        const body = (await res.json()) as { info?: { projections?: { rebuilding?: unknown } } };
        if (res.ok && !body.info?.projections?.rebuilding) return { listening, upToDate: (performance.now() - started) / 1000 };
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the service's read models were not up to date in 600 s:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, listening === undefined ? 50 : 200));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One GraphQL request; resolves to whether it answered without errors. */
export async function post(url: string, token: string, query: string, variables?: unknown): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  return response.ok && !body.errors;
}

/** Runs `requests` calls with `concurrency` in flight, and measures each. */
export async function drive(label: string, requests: number, concurrency: number, call: (i: number) => Promise<boolean>): Promise<HttpRun> {
  const latencies: number[] = new Array(requests);
  const finishedAt: number[] = new Array(requests);
  let failed = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, requests) }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        const ok = await call(i).catch(() => false);
        finishedAt[i] = performance.now();
        latencies[i] = finishedAt[i] - t0;
        if (!ok) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const tenth = Math.max(1, Math.floor(requests / 10));
  const rate = (from: number, to: number) => {
    const ends = finishedAt.slice(from, to).sort((a, b) => a - b);
    const span = (ends[ends.length - 1] - ends[0]) / 1000;
    return span > 0 ? (ends.length - 1) / span : NaN;
  };
  return {
    label,
    requests,
    concurrency,
    seconds,
    perSecond: requests / seconds,
    p50: at(0.5),
    p99: at(0.99),
    failed,
    firstTenth: rate(0, tenth),
    lastTenth: rate(requests - tenth, requests),
  };
}

export function formatRun(r: HttpRun): string {
  return (
    `${r.label.padEnd(44)} c=${String(r.concurrency).padEnd(3)} ${String(r.requests).padStart(6)} req ${r.perSecond.toFixed(0).padStart(6)} req/s` +
    `  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  first/last tenth ${r.firstTenth.toFixed(0)}/${r.lastTenth.toFixed(0)} req/s` +
    `${r.failed ? `  ${r.failed} FAILED` : ''}\n`
  );
}

const SUBMIT = `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { receiptNo } } }`;

/** One submission of the demo catalog's 城乡低保, as a window would send it. */
export function submitCase(service: BenchService, token: string): Promise<boolean> {
  return post(service.url, token, SUBMIT, {
    input: {
      commandId: randomUUID(),
      itemCode: 'MZ-DB-001',
      applicant: { name: '张三', idNumber: '11010519491231002X' },
      materials: ['书面申请'],
    },
  });
}

/** The cheapest query through the whole framework path: token, limits, cost analysis, logging. */
export function trivialQuery(service: BenchService, token: string): Promise<boolean> {
  return post(service.url, token, '{ catalog { code } }');
}

/** A build of the service to measure: this one, or another checkout's `dist/main.js` to compare with. */
export interface Build {
  label: string;
  main: string;
}

/**
 * submitCase and a trivial query over HTTP at each concurrency, on a fresh service per round and build.
 * Builds take turns round by round, so a noisy moment of the machine falls on each alike; the medians
 * of the rounds are printed, with each build's ratio to the first.
 */
export async function runHttpBench(opts: {
  requests: number;
  concurrencies: number[];
  rounds: number;
  builds: Build[];
  profileDir?: string;
  out: (t: string) => void;
}): Promise<Map<string, HttpRun[]>> {
  const runs = new Map<string, HttpRun[]>();
  for (let round = 1; round <= opts.rounds; round++) {
    for (const build of opts.builds) {
      opts.out(`round ${round}, ${build.label}:\n`);
      const service = new BenchService(build.main, opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []);
      try {
        await service.start({ CASETRAIL_DEADLINE_CHECK_SECONDS: '0', CASETRAIL_AUDIT_CHECKPOINT_SECONDS: '0' });
        const staff = service.token({ user: 'bench', role: 'staff', center: 'c1', window: 'civil-affairs' });
        const submit = () => submitCase(service, staff);
        // Warm-up: the first requests compile code paths and fill caches.
        await drive('warm-up', 200, 8, submit);
        for (const c of opts.concurrencies) {
          for (const run of [
            await drive('a trivial query ({ catalog { code } })', opts.requests, c, () => trivialQuery(service, staff)),
            await drive('submitCase', opts.requests, c, submit),
          ]) {
            const key = `${build.label}|${run.label}|${c}`;
            runs.set(key, [...(runs.get(key) ?? []), run]);
            opts.out(`  ${formatRun(run)}`);
          }
        }
      } finally {
        await service.stop();
      }
    }
  }
  opts.out(`\nmedians of ${opts.rounds} rounds:\n`);
  const baseline = opts.builds[0].label;
  for (const [key, list] of runs) {
    const [buildLabel, label, c] = key.split('|');
    const m = medianRun(list);
    const base = buildLabel === baseline ? undefined : runs.get(`${baseline}|${label}|${c}`);
    const ratio = base ? `  (${(medianRun(base).perSecond / m.perSecond).toFixed(2)}× this in req/s for ${baseline})` : '';
    opts.out(`${buildLabel.padEnd(12)} ${formatRun(m).trimEnd()}${ratio}\n`);
  }
  return runs;
}

/** The run with the median rate, its latencies as measured (not mixed across runs). */
export function medianRun(list: HttpRun[]): HttpRun {
  return [...list].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(list.length / 2)];
}

export interface FanOutRun {
  subscribers: number;
  submissions: number;
  submitP50: number;
  submitP99: number;
  submitFailed: number;
  deliveries: number;
  deliveryP50: number;
  deliveryP99: number;
  missed: number;
  /** The service's resident memory once every subscriber is connected, in MB (from /metrics). */
  serviceRssMb: number;
}

const CENTER_EVENTS = `subscription { centerEvents(center: "c1") { position type recordedAt } }`;

/**
 * Live fan-out: `subscribers` clients follow `centerEvents` of one center, each on its own WebSocket,
 * while submissions arrive at a steady `perSecond`. Measures the submissions' latency, each delivery's
 * delay from the event's recording to its arrival at the client, and events a subscriber never got.
 */
export async function fanOut(service: BenchService, subscribers: number, perSecond: number, seconds: number): Promise<FanOutRun> {
  const { createClient } = await import('graphql-ws');
  const WebSocket = (await import('ws')).default;
  const leader = service.token({ user: 'bench-leader', role: 'center_leader', center: 'c1' });
  const staff = service.token({ user: 'bench', role: 'staff', center: 'c1', window: 'civil-affairs' });
  const counts = new Array<number>(subscribers).fill(0);
  let delays: number[] = [];
  let measuring = false;
  const clients = Array.from({ length: subscribers }, (_, i) => {
    const client = createClient({
      url: service.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${leader}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    client.subscribe<{ centerEvents: { recordedAt: string } }>(
      { query: CENTER_EVENTS },
      {
        next: (value) => {
          counts[i]++;
          if (measuring && value.data) delays.push(Date.now() - Date.parse(value.data.centerEvents.recordedAt));
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    return client;
  });
  const submit = () => submitCase(service, staff);
  try {
    // Every subscriber is listening once each has received a probe submission.
    const deadline = Date.now() + 120_000;
    while (subscribers > 0 && counts.some((n) => n === 0)) {
      if (Date.now() > deadline)
        throw new Error(`only ${counts.filter((n) => n > 0).length} of ${subscribers} subscribers are receiving after 120 s`);
      await submit();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const serviceRssMb = await residentMb(service);
    counts.fill(0);
    delays = [];
    measuring = true;
    const latencies: number[] = [];
    let failed = 0;
    const pending: Promise<void>[] = [];
    const total = Math.round(perSecond * seconds);
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const t0 = performance.now();
      pending.push(
        submit()
          .catch(() => false)
          .then((ok) => {
            latencies.push(performance.now() - t0);
            if (!ok) failed++;
          }),
      );
    }
    await Promise.all(pending);
    const delivered = total - failed;
    // Deliveries still under way: wait until every subscriber has them, or 30 s.
    const drain = Date.now() + 30_000;
    while (subscribers > 0 && counts.some((n) => n < delivered) && Date.now() < drain)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const pct = (list: number[], q: number) => {
      const sorted = [...list].sort((a, b) => a - b);
      return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
    };
    return {
      subscribers,
      submissions: total,
      submitP50: pct(latencies, 0.5),
      submitP99: pct(latencies, 0.99),
      submitFailed: failed,
      deliveries: delays.length,
      deliveryP50: pct(delays, 0.5),
      deliveryP99: pct(delays, 0.99),
      missed: counts.reduce((sum, n) => sum + Math.max(0, delivered - n), 0),
      serviceRssMb,
    };
  } finally {
    measuring = false;
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

async function residentMb(service: BenchService): Promise<number> {
  const text = await (await fetch(service.url.replace('/graphql', '/metrics'))).text();
  const m = /^casetrail_process_resident_memory_bytes (\d+(?:\.\d+)?)/m.exec(text);
  return m ? Math.round(Number(m[1]) / 1e6) : NaN;
}

export function formatFanOut(r: FanOutRun): string {
  return (
    `${String(r.subscribers).padStart(5)} subscribers  submitCase p50 ${r.submitP50.toFixed(1).padStart(7)} ms  p99 ${r.submitP99.toFixed(1).padStart(7)} ms  ${r.submitFailed} failed` +
    `  delivery p50 ${r.deliveryP50.toFixed(0).padStart(5)} ms  p99 ${r.deliveryP99.toFixed(0).padStart(5)} ms  ${r.deliveries} delivered, ${r.missed} missed  service ${r.serviceRssMb} MB\n`
  );
}

/** The fan-out at each number of subscribers, on a fresh service per round and build, builds taking turns. */
export async function runFanOutBench(opts: {
  subscribers: number[];
  perSecond: number;
  seconds: number;
  rounds: number;
  builds: Build[];
  profileDir?: string;
  out: (t: string) => void;
}): Promise<void> {
  for (let round = 1; round <= opts.rounds; round++) {
    for (const build of opts.builds) {
      opts.out(`round ${round}, ${build.label}: ${opts.perSecond} submissions/s for ${opts.seconds} s\n`);
      for (const n of opts.subscribers) {
        const service = new BenchService(build.main, opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []);
        try {
          await service.start({ CASETRAIL_DEADLINE_CHECK_SECONDS: '0', CASETRAIL_AUDIT_CHECKPOINT_SECONDS: '0' });
          opts.out(`  ${formatFanOut(await fanOut(service, n, opts.perSecond, opts.seconds))}`);
        } catch (error) {
          opts.out(`  ${n} subscribers: ${(error as Error).message}\n`);
        } finally {
          await service.stop();
        }
      }
    }
  }
}
