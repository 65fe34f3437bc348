import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../config';
import { Actor } from '../core/actor';
import { EventStore, NewEvent } from '../core/event-store';
import { ChainedEventStore } from '../infrastructure/event-store/chained-event-store';
import { handleCommand } from '../core/handle-command';
import { eventIdFor, newId } from '../core/ids';
import { parseCatalogFile, ItemSnapshot } from '../modules/catalog';
import { SqliteEventStore } from '../infrastructure/event-store/sqlite/sqlite-event-store';
import { CaseCommand, createCaseDecider } from '../modules/cases';
import { buildCalendar } from '../modules/time-limits';

const actor: Actor = { id: 'bench', role: 'staff', center: 'bench', window: 'civil-affairs' };
/** The demo catalog's 城乡低保: a promised item with published steps, as a real center handles it. */
function demoItem(): ItemSnapshot {
  const definition = parseCatalogFile(readFileSync(join(packageRoot(), 'catalog/demo-catalog.yaml'), 'utf8')).find(
    (i) => i.code === 'MZ-DB-001',
  )!;
  return { ...definition, version: 1 };
}

function event(type: string, data: unknown): NewEvent {
  const now = new Date().toISOString();
  const commandId = newId();
  return {
    id: eventIdFor(commandId, 0),
    type,
    data,
    metadata: { actor, commandId, correlationId: commandId, causationId: commandId, occurredAt: now, recordedAt: now, schemaVersion: 1 },
  };
}

/** Runs `total` tasks with at most `concurrency` in flight. */
async function pool(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

async function measure(out: (t: string) => void, label: string, store: SqliteEventStore, count: number, run: () => Promise<void>) {
  const before = store.stats;
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  const commits = store.stats.commits - before.commits;
  const appends = store.stats.appends - before.appends;
  out(
    `${label.padEnd(60)} ${String(count).padStart(7)} events  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(count / seconds)
      .toString()
      .padStart(8)} events/s` + `  ${commits} commits, ${(appends / Math.max(commits, 1)).toFixed(1)} appends/commit\n`,
  );
}

/**
 * Figures for the embedded store with the service's durability settings (WAL, synchronous=FULL):
 * one append at a time shows what a lone fsync costs on this disk; concurrent appends show what group
 * commit makes of it; the command path adds reading the stream, folding and deciding, and the audit
 * chain adds reading the predecessor's hash and hashing.
 */
export async function runBench({
  commands,
  concurrency,
  out,
}: {
  commands: number;
  concurrency: number;
  out: (t: string) => void;
}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-'));
  const store = new SqliteEventStore(join(dir, 'bench.db'));
  try {
    out(`casetrail bench: SQLite store in ${dir} (WAL, synchronous=FULL), node ${process.version}\n`);
    out(`${commands} commands per run, ${concurrency} in flight\n\n`);

    const sequential = Math.min(commands, 2000);
    await measure(out, 'raw append, one at a time (fsync per append)', store, sequential, async () => {
      for (let i = 0; i < sequential; i++) await store.append(`bench-seq-${i}`, [event('Benchmarked', { i })], 'no_stream');
    });
    await measure(out, `raw append, ${concurrency} concurrent (group commit)`, store, commands, () =>
      pool(commands, concurrency, (i) => store.append(`bench-par-${i}`, [event('Benchmarked', { i })], 'no_stream')),
    );

    // Full command path: cases already accepted, then one RecordStep command per case at a time.
    const decider = createCaseDecider({ calendar: buildCalendar() });
    const item = demoItem();
    const caseCount = Math.max(concurrency, Math.min(commands, 5000));
    const now = new Date();
    const context = (commandId: string) => ({ commandId, actor, now });
    /** Accepted cases under `label`, each as long as the other run's, so that both runs fold the same. */
    const open = (through: EventStore, label: string) =>
      pool(caseCount, concurrency, async (i) => {
        const stream = `case-bench-${label}-${i}`;
        await handleCommand({
          store: through,
          stream,
          decider,
          command: (occurredAt): CaseCommand => ({
            type: 'SubmitCase',
            data: {
              caseId: `bench-${label}-${i}`,
              receiptNo: `bench-${label}-${i}`,
              center: 'bench',
              item,
              applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
              channel: 'WINDOW',
              materials: ['书面申请'],
              staffId: 'bench',
              occurredAt,
            },
          }),
          context: context(`submit-${label}-${i}`),
        });
        await handleCommand({
          store: through,
          stream,
          decider,
          command: (occurredAt): CaseCommand => ({
            type: 'AcceptCase',
            data: { item, staffId: 'bench', toleranceMaterials: [], occurredAt },
          }),
          context: context(`accept-${label}-${i}`),
        });
      });
    const steps = (through: EventStore, label: string) =>
      pool(commands, concurrency, (i) =>
        handleCommand({
          store: through,
          stream: `case-bench-${label}-${i % caseCount}`,
          decider,
          command: (occurredAt): CaseCommand => ({
            type: 'RecordStep',
            data: { step: '村委会初审', action: 'PASS', opinion: '情况属实', occurredAt },
          }),
          context: context(`step-${label}-${i}`),
        }),
      );
    await open(store, 'raw');
    await measure(out, `command path (load, decide, append), ${concurrency} concurrent`, store, commands, () => steps(store, 'raw'));
    // As the service runs: every append on the audit hash chain (the predecessor's hash, the new events hashed).
    const chained = new ChainedEventStore(store);
    await open(chained, 'chained');
    await measure(out, `command path with the audit hash chain, ${concurrency} concurrent`, store, commands, () =>
      steps(chained, 'chained'),
    );
    out('\nFigures only: nothing here is asserted by the tests.\n');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
