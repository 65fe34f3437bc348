import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, packageRoot } from '../config';
import { openEventStore } from '../infrastructure/event-store/open-event-store';
import { allProjections } from '../read-models';
import { openReadModelDb } from '../infrastructure/read-models/database';
import { ProjectionRunner, REBUILD_BATCH } from '../infrastructure/read-models/projection-runner';
import { defaultVerifyWorkers, verifyStore } from '../modules/oversight';
import { runExport } from './audit.command';
import { runBench } from './bench';
import {
  BenchService,
  Build,
  drive,
  fanOut,
  FanOutRun,
  formatFanOut,
  formatRun,
  HttpRun,
  medianRun,
  submitCase,
  trivialQuery,
} from './bench-http';
import { runSimulation } from './simulate.command';

const quiet = { log: () => undefined, error: () => undefined };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface SuiteOptions {
  rounds: number;
  /** Days of simulated traffic (300 cases a day, one center) in the filled store. */
  days: number;
  requests: number;
  out: (t: string) => void;
  /** Where to write the report as Markdown (e.g. docs/benchmarks.md). */
  report?: string;
  /** A PostgreSQL database the benchmark may create schemas in; skipped where none answers. */
  postgresUrl: string;
  /** Only the filled store: reading, rebuilding, verifying and exporting it. */
  filledOnly?: boolean;
}

/** The rate a store's events are read and parsed at: the ceiling for anything that reads the whole log. */
async function readLimit(env: NodeJS.ProcessEnv): Promise<{ rate: number; events: number }> {
  const store = await openEventStore(loadConfig(env).eventStore);
  try {
    const started = performance.now();
    let n = 0;
    for await (const _event of store.readAll()) n++;
    return { rate: n / ((performance.now() - started) / 1000), events: n };
  } finally {
    await store.close();
  }
}

/** Every read model built from the whole log, into a new SQLite file or into memory. */
async function rebuild(env: NodeJS.ProcessEnv, path: string): Promise<number> {
  const store = await openEventStore(loadConfig(env).eventStore);
  const db = openReadModelDb({ kind: 'sqlite', path });
  try {
    const runner = new ProjectionRunner(store, db, allProjections(), quiet);
    const started = performance.now();
    await runner.init();
    let n = 0;
    await runner.catchUp(REBUILD_BATCH, (_p, count) => {
      n += count;
    });
    return n / ((performance.now() - started) / 1000);
  } finally {
    await db.destroy();
    await store.close();
  }
}

/** `verify` as `casetrail verify` runs it (hashing in worker threads), or all on one thread. */
async function verifyRate(env: NodeJS.ProcessEnv, threads: 'workers' | 'one'): Promise<number> {
  const location = loadConfig(env).eventStore;
  const store = await openEventStore(location);
  try {
    const started = performance.now();
    const count = threads === 'one' ? 0 : defaultVerifyWorkers(location, await store.headPosition());
    const report = await verifyStore(store, null, { workers: { location, count } });
    if (!report.ok) throw new Error('the benchmark store does not verify');
    return report.events / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
  }
}

/** `export --case` of an early case, with the read models in `readModels` (the Merkle blocks), or with none (the whole log read). */
async function exportSeconds(env: NodeJS.ProcessEnv, dir: string, readModels: string): Promise<number> {
  const store = await openEventStore(loadConfig(env).eventStore);
  let receiptNo: string | undefined;
  try {
    for await (const e of store.readAll({ maxCount: 5000 }))
      if (e.type === 'CaseSubmitted') receiptNo = (e.data as { receiptNo: string }).receiptNo;
  } finally {
    await store.close();
  }
  const started = performance.now();
  await runExport({
    caseId: receiptNo!,
    jsonFile: join(dir, 'dossier.json'),
    by: 'bench',
    reason: 'benchmark',
    env: { ...env, READ_MODEL_URL: `sqlite:${readModels}` },
    out: () => undefined,
  });
  return (performance.now() - started) / 1000;
}

/**
 * `npm run bench`: every figure of docs/benchmarks.md in one run. The store's own rates; then a store
 * filled with simulated traffic for reading, rebuilding, verifying and exporting; then the service over
 * HTTP and its live fan-out, on a fresh store and on the filled one (how cost grows with the store).
 * Rounds take turns and medians are printed; nothing here is asserted by the tests.
 */
export async function runSuite(opts: SuiteOptions): Promise<void> {
  const { out } = opts;
  const lines: string[] = [];
  const row = (path: string, measured: string, limit: string, goal: string) => lines.push(`| ${path} | ${measured} | ${limit} | ${goal} |`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, node ${process.version}`;
  out(`casetrail bench suite: ${machine}\n`);
  if (!opts.filledOnly) {
    out('\n== the store ==\n');
    await runBench({ commands: 20000, concurrency: 256, out });
  }
  const report = () => {
    const table = ['| path | measured (medians of rounds) | the limit | goal |', '|---|---|---|---|', ...lines].join('\n');
    out(`\n${table}\n`);
    if (opts.report) {
      writeFileSync(opts.report, `${table}\n`);
      out(`\nTable written to ${opts.report}\n`);
    }
  };

  const dir = mkdtempSync(join(tmpdir(), 'casetrail-suite-'));
  const env = {
    ...process.env,
    EVENT_STORE_URL: `sqlite:${join(dir, 'casetrail.db')}`,
    CASETRAIL_DATA_DIR: dir,
    READ_MODEL_URL: `sqlite:${join(dir, 'unused.db')}`,
  };
  try {
    out(`\n== a store filled by simulate: ${opts.days} days × 300 cases ==\n`);
    await runSimulation({ days: opts.days, casesPerDay: 300, centers: 'c1', seed: 7, env, out: () => undefined });
    const reads: number[] = [];
    let events = 0;
    const rebuilds: number[] = [];
    const inMemory: number[] = [];
    const verifies: number[] = [];
    const verifiesOnOneThread: number[] = [];
    const exports: number[] = [];
    const exportsReadingTheLog: number[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      const read = await readLimit(env);
      reads.push(read.rate);
      events = read.events;
      rebuilds.push(await rebuild(env, join(dir, `rm-${round}.db`)));
      inMemory.push(await rebuild(env, ':memory:'));
      verifies.push(await verifyRate(env, 'workers'));
      verifiesOnOneThread.push(await verifyRate(env, 'one'));
      exports.push(await exportSeconds(env, dir, join(dir, `rm-${round}.db`)));
      exportsReadingTheLog.push(await exportSeconds(env, dir, join(dir, 'none.db')));
      out(
        `round ${round}: read+parse ${reads.at(-1)!.toFixed(0)}/s, rebuild into SQLite ${rebuilds.at(-1)!.toFixed(0)}/s, in memory ${inMemory.at(-1)!.toFixed(0)}/s, verify ${verifies.at(-1)!.toFixed(0)}/s (one thread ${verifiesOnOneThread.at(-1)!.toFixed(0)}/s), export --case ${exports.at(-1)!.toFixed(2)} s (reading the log ${exportsReadingTheLog.at(-1)!.toFixed(2)} s)\n`,
      );
    }
    const limit = median(reads);
    row(
      'read-model rebuild into SQLite',
      `${median(rebuilds).toFixed(0)} events/s`,
      `read + parse ${limit.toFixed(0)} events/s (${(median(rebuilds) / limit).toFixed(2)})`,
      '≥ 50,000 events/s',
    );
    row(
      'read-model rebuild in memory',
      `${median(inMemory).toFixed(0)} events/s`,
      `(${(median(inMemory) / limit).toFixed(2)} of read + parse)`,
      '≥ 100,000 events/s',
    );
    row(
      '`verify`',
      `${median(verifies).toFixed(0)} events/s (one thread: ${median(verifiesOnOneThread).toFixed(0)})`,
      `(${(median(verifies) / limit).toFixed(2)} of read + parse)`,
      '≥ 100,000 events/s',
    );
    row(
      '`export --case`',
      `${median(exports).toFixed(2)} s on ${events} events (without the Merkle blocks read model, reading the log: ${median(exportsReadingTheLog).toFixed(2)} s)`,
      '–',
      '< 1 s',
    );
    if (opts.filledOnly) return report();

    out('\n== PostgreSQL appends, 64 writers ==\n');
    const pg = await postgresAppends(opts.postgresUrl, opts.rounds, 5000, out);
    if (pg) {
      const peer =
        pg.emmett === undefined
          ? 'Emmett not installed'
          : `Emmett PostgreSQL ${pg.emmett.toFixed(0)}/s (${(pg.store / pg.emmett).toFixed(2)} ×)`;
      row(
        'PostgreSQL appends, c=64',
        `${pg.store.toFixed(0)} appends/s`,
        `raw inserts ${pg.raw.toFixed(0)}/s (${(pg.store / pg.raw).toFixed(2)}); ${peer}`,
        '≥ Emmett, ≥ 0.7 of raw',
      );
    }

    out('\n== the service over HTTP, fresh store and filled store ==\n');
    const build: Build = { label: 'this build', main: join(packageRoot(), 'dist/main.js') };
    const http = new Map<string, HttpRun[]>();
    const fan = new Map<string, FanOutRun[]>();
    const firstStarts: Array<{ listening: number; upToDate: number }> = [];
    for (let round = 1; round <= opts.rounds; round++) {
      for (const size of ['fresh', 'filled'] as const) {
        const service = new BenchService(build.main);
        try {
          if (size === 'filled') copyStore(dir, service.dir);
          const start = await service.start({ CASETRAIL_DEADLINE_CHECK_SECONDS: '0', CASETRAIL_AUDIT_CHECKPOINT_SECONDS: '0' });
          if (size === 'filled') {
            firstStarts.push(start);
            out(
              `  first start on the filled store: listening after ${start.listening.toFixed(2)} s, read models up to date after ${start.upToDate.toFixed(1)} s\n`,
            );
          }
          const staff = service.token({ user: 'bench', role: 'staff', center: 'c1', window: 'civil-affairs' });
          const submit = () => submitCase(service, staff);
          const trivial = () => trivialQuery(service, staff);
          await drive('warm-up', 300, 8, submit);
          await drive('warm-up', 1000, 16, trivial);
          for (const c of [1, 16, 64]) {
            for (const run of [
              await drive('a trivial query', opts.requests, c, trivial),
              await drive('submitCase', opts.requests, c, submit),
            ]) {
              const key = `${size}|${run.label}|${c}`;
              http.set(key, [...(http.get(key) ?? []), run]);
              out(`  ${size.padEnd(7)} ${formatRun(run)}`);
            }
          }
        } finally {
          await service.stop();
        }
        for (const n of [0, 200, 1000]) {
          const live = new BenchService(build.main);
          try {
            if (size === 'filled') copyStore(dir, live.dir);
            await live.start({ CASETRAIL_DEADLINE_CHECK_SECONDS: '0', CASETRAIL_AUDIT_CHECKPOINT_SECONDS: '0' });
            const result = await fanOut(live, n, 20, 15);
            const key = `${size}|${n}`;
            fan.set(key, [...(fan.get(key) ?? []), result]);
            out(`  ${size.padEnd(7)} ${formatFanOut(result)}`);
          } finally {
            await live.stop();
          }
        }
      }
    }
    const listening = median(firstStarts.map((s) => s.listening));
    const upToDate = median(firstStarts.map((s) => s.upToDate));
    row(
      'first start on the filled store, no read models yet',
      `listening after ${listening.toFixed(2)} s; every read model rebuilt in the background after ${upToDate.toFixed(1)} s (${(events / upToDate).toFixed(0)} events/s)`,
      `${events} events`,
      'start-up never blocks on a rebuild',
    );
    const med = (key: string) => medianRun(http.get(key)!);
    const trivial16 = med('fresh|a trivial query|16');
    for (const size of ['fresh', 'filled']) {
      const s16 = med(`${size}|submitCase|16`);
      const s64 = med(`${size}|submitCase|64`);
      row(
        `\`submitCase\` over HTTP (${size} store)`,
        `c=16: ${s16.perSecond.toFixed(0)} req/s, p99 ${s16.p99.toFixed(0)} ms, first/last tenth ${s16.firstTenth.toFixed(0)}/${s16.lastTenth.toFixed(0)}; c=64: ${s64.perSecond.toFixed(0)} req/s, p99 ${s64.p99.toFixed(0)} ms`,
        `trivial query c=16: ${trivial16.perSecond.toFixed(0)} req/s (${(s16.perSecond / trivial16.perSecond).toFixed(2)})`,
        '≥ 0.5 of the trivial query, p99 < 50 ms at c=16, flat over the day',
      );
    }
    for (const size of ['fresh', 'filled']) {
      const t = med(`${size}|a trivial query|16`);
      row(
        `a trivial query, c=16 (${size} store)`,
        `${t.perSecond.toFixed(0)} req/s, p50 ${t.p50.toFixed(1)} ms`,
        'NestJS + Apollo, client on the same cores',
        '≥ 2,000 req/s',
      );
    }
    for (const size of ['fresh', 'filled']) {
      const runs = [0, 200, 1000].map((n) => {
        const list = fan.get(`${size}|${n}`) ?? [];
        return [...list].sort((a, b) => a.submitP99 - b.submitP99)[Math.floor(list.length / 2)];
      });
      const [, r200, r1000] = runs;
      if (r1000)
        row(
          `1,000 \`centerEvents\` subscribers, 20 submissions/s (${size} store)`,
          `submitCase p99 ${r1000.submitP99.toFixed(0)} ms, ${r1000.submitFailed} failed; delivery p99 ${r1000.deliveryP99.toFixed(0)} ms; ${r1000.missed} missed; service ${r1000.serviceRssMb} MB`,
          r200 ? `200 subscribers: delivery p99 ${r200.deliveryP99.toFixed(0)} ms` : '–',
          'submitCase p99 < 50 ms, delivery p99 < 100 ms, 0 missed',
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report();
}

/** The filled store, for a service to start on (its read models are rebuilt there, as on a first start). */
function copyStore(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    // -wal and -shm exist only while a connection has the file open
    if (existsSync(join(from, `casetrail.db${suffix}`)))
      copyFileSync(join(from, `casetrail.db${suffix}`), join(to, `casetrail.db${suffix}`));
  }
}

/** Emmett's PostgreSQL event store, the peer in the comparison; undefined where the dev dependency is not installed. */
async function emmettPostgres(): Promise<typeof import('@event-driven-io/emmett-postgresql') | undefined> {
  try {
    return await import('@event-driven-io/emmett-postgresql');
  } catch {
    return undefined;
  }
}

/**
 * Appends per second on PostgreSQL with 64 concurrent writers, each a new stream: this store (group
 * commit, the append lock, the checks) against Emmett's PostgreSQL store (a peer, each round in a
 * database of its own) and against the driver's own limit (the same rows inserted by 64 writers over a
 * pool, without any of that). Rounds take turns; medians.
 */
export async function postgresAppends(
  url: string,
  rounds: number,
  total: number,
  out: (t: string) => void,
): Promise<{ store: number; raw: number; emmett?: number } | undefined> {
  const { Pool } = await import('pg');
  const { PostgresEventStore } = await import('../infrastructure/event-store/postgres/postgres-event-store');
  const { eventIdFor, newId } = await import('../core/ids');
  const admin = new Pool({ connectionString: url, max: 10 });
  try {
    await admin.query('SELECT 1');
  } catch (error) {
    out(`PostgreSQL appends: skipped, no server at ${url} (${(error as Error).message})\n`);
    await admin.end();
    return undefined;
  }
  const event = (i: number) => {
    const commandId = newId();
    const now = new Date().toISOString();
    return {
      id: eventIdFor(commandId, 0),
      type: 'Benchmarked',
      data: { i, text: '城乡低保' },
      metadata: {
        actor: { id: 'bench', role: 'staff' as const },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        occurredAt: now,
        recordedAt: now,
        schemaVersion: 1,
      },
    };
  };
  const pool64 = async (task: (i: number) => Promise<unknown>) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < total) await task(next++);
      }),
    );
    return total / ((performance.now() - started) / 1000);
  };
  const stores: number[] = [];
  const raws: number[] = [];
  const emmetts: number[] = [];
  const emmett = await emmettPostgres();
  if (!emmett) out('Emmett: skipped, @event-driven-io/emmett-postgresql is not installed (a dev dependency)\n');
  try {
    for (let round = 1; round <= rounds; round++) {
      const schema = `casetrail_bench_${newId().replace(/-/g, '').slice(0, 10)}`;
      const store = await PostgresEventStore.open({ connectionString: url, schema });
      try {
        stores.push(await pool64((i) => store.append(`bench-${i}`, [event(i)], 'no_stream')));
      } finally {
        await store.close();
      }
      await admin.query(
        `CREATE TABLE ${schema}.raw (position bigserial PRIMARY KEY, event_id text UNIQUE, stream_id text, data jsonb, metadata jsonb)`,
      );
      raws.push(
        await pool64((i) => {
          const e = event(i);
          return admin.query(`INSERT INTO ${schema}.raw (event_id, stream_id, data, metadata) VALUES ($1, $2, $3, $4)`, [
            e.id,
            `bench-${i}`,
            JSON.stringify(e.data),
            JSON.stringify(e.metadata),
          ]);
        }),
      );
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      if (emmett) {
        // Its tables live in the database's public schema: a database of its own, dropped afterwards.
        await admin.query(`CREATE DATABASE ${schema}`);
        const own = new URL(url);
        own.pathname = `/${schema}`;
        // A pool of 10 like the raw inserts' (and ours to end, so that dropping the database finds no one).
        const pool = new Pool({ connectionString: own.toString(), max: 10 });
        pool.on('error', () => undefined);
        const peer = emmett.getPostgreSQLEventStore(own.toString(), {
          connectionOptions: { pooled: true, pool, connectionString: own.toString() },
        });
        try {
          await peer.appendToStream('bench-warm-up', [{ type: 'Benchmarked', data: { i: -1, text: '城乡低保' } }]); // creates its schema
          emmetts.push(await pool64((i) => peer.appendToStream(`bench-${i}`, [{ type: 'Benchmarked', data: { i, text: '城乡低保' } }])));
        } finally {
          await peer.close();
          await pool.end();
          await admin.query(`DROP DATABASE ${schema} WITH (FORCE)`);
        }
      }
      out(
        `round ${round}: store ${stores.at(-1)!.toFixed(0)} appends/s, raw inserts ${raws.at(-1)!.toFixed(0)}/s${emmett ? `, Emmett ${emmetts.at(-1)!.toFixed(0)} appends/s` : ''}\n`,
      );
    }
  } finally {
    await admin.end();
  }
  return { store: median(stores), raw: median(raws), ...(emmetts.length > 0 ? { emmett: median(emmetts) } : {}) };
}
