import { progressBar } from './progress-bar';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { caseIdOfReceipt, caseStream } from '../modules/cases';
import { StoreLocation, describeLocation, loadConfig } from '../config';
import { systemClock } from '../core/clock';
import { EventStore, NewEvent } from '../core/event-store';
import { eventIdFor, newId } from '../core/ids';
import { openEventStore } from '../infrastructure/event-store/open-event-store';
import { ReadModelDb, openReadModelDb } from '../infrastructure/read-models/database';
import {
  merkleBlocksUpTo,
  AuditCheckpointer,
  VerifyReport,
  parsePublicKey,
  SigningKey,
  keyIdOf,
  defaultVerifyWorkers,
  verifyStore,
  buildDossier,
  verifyDossier,
  renderDossierHtml,
} from '../modules/oversight';

/** The key checkpoints must carry: the one given, else the configured signing key's, else none (any key that verifies). */
function trustedKey(given: string | undefined, env: NodeJS.ProcessEnv): { key: string | null; source: string } {
  if (given) return { key: parsePublicKey(existsSync(given) ? readFileSync(given, 'utf8') : given), source: '--public-key' };
  const { auditKey } = loadConfig(env);
  if (existsSync(auditKey.path)) return { key: SigningKey.load(auditKey.path, { generate: false }).publicKey, source: auditKey.path };
  return { key: null, source: 'none' };
}

export async function runVerify(opts: {
  publicKey?: string;
  json?: boolean;
  workers?: number;
  env: NodeJS.ProcessEnv;
  out: (t: string) => void;
  err: (t: string) => void;
}): Promise<boolean> {
  const config = loadConfig(opts.env);
  const trusted = trustedKey(opts.publicKey, opts.env);
  const store = await openEventStore(config.eventStore);
  const bar = opts.json ? null : progressBar('verifying {value} events | {rate} events/s');
  const started = Date.now();
  bar?.start(0, 0, { rate: 0 });
  try {
    const workers = {
      location: config.eventStore,
      count: opts.workers ?? defaultVerifyWorkers(config.eventStore, await store.headPosition()),
    };
    const report = await verifyStore(store, trusted.key ? new Set([trusted.key]) : null, {
      onProgress: (n) => bar?.update(n, { rate: Math.round(n / Math.max((Date.now() - started) / 1000, 0.001)) }),
      workers,
    });
    bar?.stop();
    const seconds = (Date.now() - started) / 1000;
    if (opts.json) opts.out(`${JSON.stringify({ ...report, seconds, trustedKey: trusted.key && keyIdOf(trusted.key) })}\n`);
    else
      opts.out(
        describe(
          report,
          seconds,
          describeLocation(config.eventStore),
          trusted.key ? `${keyIdOf(trusted.key)} (from ${trusted.source})` : null,
        ),
      );
    return report.ok;
  } finally {
    bar?.stop();
    await store.close();
  }
}

function describe(r: VerifyReport, seconds: number, where: string, trusted: string | null): string {
  const lines = [
    `Verified ${where}: ${r.events} events in ${r.streams} streams, ${seconds.toFixed(1)} s (${Math.round(r.events / Math.max(seconds, 0.001))} events/s).`,
    `  ${r.checkpoints} signed checkpoints; sealed up to position ${r.sealedUpTo ?? '(none)'}; ${r.unsealed} events after the last checkpoint.`,
  ];
  if (r.unchained) lines.push(`  ${r.unchained} events from before the hash chain (not chained; covered by checkpoints only).`);
  lines.push(
    trusted
      ? `  Checkpoints must be signed with key ${trusted}.`
      : `  No trusted key: accepted any key that verifies (${r.keys.join(', ') || 'none'}); compare with the fingerprint your center published.`,
  );
  if (r.firstBad) {
    const b = r.firstBad;
    lines.push(
      `TAMPERED: first bad event at position ${b.position}: stream ${b.stream}, revision ${b.revision}, ${b.type} (${b.id})`,
      `  ${b.problem}: ${b.detail}`,
    );
  } else {
    lines.push('OK: every stream chain and every checkpoint holds.');
  }
  return `${lines.join('\n')}\n`;
}

/** `casetrail checkpoint`: seals the log now (the service does so every CASETRAIL_AUDIT_CHECKPOINT_SECONDS). */
export async function runCheckpoint(opts: { env: NodeJS.ProcessEnv; out: (t: string) => void }): Promise<void> {
  const config = loadConfig(opts.env);
  const key = SigningKey.load(config.auditKey.path, { generate: !config.auditKey.given });
  const store = await openEventStore(config.eventStore);
  try {
    const c = await new AuditCheckpointer(store, key, systemClock, { log: () => undefined, error: () => undefined }).tick();
    opts.out(
      c
        ? `Checkpoint signed with key ${c.keyId}: ${c.events} events up to position ${c.upTo}, Merkle root ${c.merkleRoot}\n`
        : 'Nothing new to seal since the last checkpoint.\n',
    );
  } finally {
    await store.close();
  }
}

/**
 * `casetrail export --case <id or receipt number>`: records the export itself (who, which case, why) in
 * the log, seals the log, and writes the case's dossier (JSON, checkable offline) and its page for the
 * file (HTML). The JSON holds every number in full, so both files go to the data directory's `dossiers/`
 * (or where --out says), readable by their owner only, and the command says where they are.
 */
export async function runExport(opts: {
  caseId: string;
  jsonFile?: string;
  htmlFile?: string;
  by: string;
  reason: string;
  env: NodeJS.ProcessEnv;
  out: (t: string) => void;
}): Promise<void> {
  const config = loadConfig(opts.env);
  const key = SigningKey.load(config.auditKey.path, { generate: !config.auditKey.given });
  const store = await openEventStore(config.eventStore);
  try {
    const now = new Date();
    const caseId = (await caseIdOfReceipt(store, opts.caseId)) ?? opts.caseId;
    // Refused input records nothing: the case must exist before its export is recorded.
    if (!(await hasEvents(store, caseStream(caseId))))
      throw new Error(`CASE.NOT_FOUND: no case with the id or receipt number ${opts.caseId}`);
    await recordExport(store, caseId, opts.by, opts.reason, now);
    await new AuditCheckpointer(store, key, systemClock, { log: () => undefined, error: () => undefined }).tick();
    const dossier = await withReadModels(config.readModels, (db) =>
      buildDossier(store, caseId, now, db && ((upTo) => merkleBlocksUpTo(db, upTo))),
    );
    const report = verifyDossier(dossier, key.publicKey);
    const name = (dossier.events[0]?.data as { receiptNo?: string } | undefined)?.receiptNo ?? caseId;
    const jsonFile = resolve(opts.jsonFile ?? join(config.dataDir, 'dossiers', `dossier-${name}.json`));
    const htmlFile = resolve(opts.htmlFile ?? `${jsonFile.replace(/\.json$/i, '')}.html`);
    for (const file of [jsonFile, htmlFile]) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writePrivate(jsonFile, `${JSON.stringify(dossier, null, 2)}\n`);
    writePrivate(htmlFile, renderDossierHtml(dossier, report));
    opts.out(
      `Dossier of case ${caseId}: ${report.events} events, ${report.sealed} sealed by the checkpoint at position ${report.checkpoint?.upTo ?? '-'} (key ${report.keyId ?? '-'}).\n` +
        `  ${jsonFile} (full identity and phone numbers: readable by you only; check with: casetrail verify --dossier ${jsonFile} --public-key ${key.publicKey})\n  ${htmlFile}\n`,
    );
    if (!report.ok) throw new Error(`the dossier does not verify: ${report.problem?.problem}: ${report.problem?.detail}`);
  } finally {
    await store.close();
  }
}

/**
 * The service's read-model database, when there is one to read (a SQLite file is never created here);
 * `undefined` otherwise.
 */
async function withReadModels<T>(location: StoreLocation, work: (db: ReadModelDb | undefined) => Promise<T>): Promise<T> {
  if (location.kind === 'sqlite' && (location.path === ':memory:' || !existsSync(location.path))) return work(undefined);
  const db = openReadModelDb(location);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Written readable by its owner only, also when the file was there before. */
function writePrivate(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

async function hasEvents(store: EventStore, stream: string): Promise<boolean> {
  for await (const _event of store.readStream(stream, { maxCount: 1 })) return true;
  return false;
}

/** The export is an oversight read like any other: recorded before the file is written. */
async function recordExport(store: EventStore, caseId: string, by: string, reason: string, now: Date): Promise<void> {
  if (!reason.trim()) throw new Error('--reason is required: say why the dossier is exported');
  const commandId = newId();
  const at = now.toISOString();
  const event: NewEvent = {
    id: eventIdFor(commandId, 0),
    type: 'DossierExported',
    data: { caseId, by, reason: reason.trim(), exportedAt: at },
    metadata: {
      actor: { id: by, role: 'operator' },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      occurredAt: at,
      recordedAt: at,
      schemaVersion: 1,
    },
  };
  await store.append(`dossier-export-${commandId}`, [event], 'no_stream');
}

/** `casetrail verify --dossier <file>`: checks a dossier on its own, on any machine. */
export function runVerifyDossier(opts: { file: string; publicKey?: string; json?: boolean; out: (t: string) => void }): boolean {
  const trusted = opts.publicKey
    ? parsePublicKey(existsSync(opts.publicKey) ? readFileSync(opts.publicKey, 'utf8') : opts.publicKey)
    : null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(opts.file, 'utf8'));
  } catch (error) {
    parsed = { error: (error as Error).message };
  }
  const report = verifyDossier(parsed, trusted);
  if (opts.json) {
    opts.out(`${JSON.stringify(report)}\n`);
    return report.ok;
  }
  const lines = [`Dossier ${opts.file}: case ${report.caseId ?? '?'}, ${report.events} events.`];
  if (report.checkpoint)
    lines.push(
      `  Checkpoint signed ${report.checkpoint.signedAt} with key ${report.keyId}, sealing ${report.checkpoint.events} events up to position ${report.checkpoint.upTo}.`,
    );
  lines.push(
    trusted
      ? `  Trusted key: ${keyIdOf(trusted)}.`
      : `  No trusted key given: compare key ${report.keyId ?? '-'} with the fingerprint your center published.`,
  );
  if (report.ok)
    lines.push(`OK: ${report.sealed} events sealed${report.unsealed ? `, ${report.unsealed} after the checkpoint (chain only)` : ''}.`);
  else
    lines.push(
      `NOT VERIFIED: ${report.problem!.problem}${report.problem!.revision ? ` at revision ${report.problem!.revision} (${report.problem!.id})` : ''}: ${report.problem!.detail}`,
    );
  opts.out(`${lines.join('\n')}\n`);
  return report.ok;
}
