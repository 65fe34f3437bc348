import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainEvents, eventHash } from '../../src/core/audit-chain';
import { FixedClock } from '../../src/core/clock';
import { collect } from '../../src/core/event-store';
import { ChainedEventStore } from '../../src/infrastructure/event-store/chained-event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { AuditCheckpointer } from '../../src/modules/oversight/audit/audit-checkpointer';
import { CHECKPOINT_STREAM } from '../../src/modules/oversight/audit/checkpoint';
import { VerifyReport } from '../../src/modules/oversight/audit/log-verifier';
import { SigningKey } from '../../src/modules/oversight/audit/signing-key';
import { verifyStore } from '../../src/modules/oversight/audit/verify-store';
import { anEvent } from '../support/events';

const quiet = { log: () => undefined, error: () => undefined };

/**
 * Tampering with the SQLite file directly, as someone with access to the disk could: every kind of edit
 * must be found, and the first bad event named.
 */
describe('audit chain and checkpoints: tampering with the SQLite file is detected', () => {
  let dir: string;
  let file: string;
  let key: SigningKey;
  const clock = new FixedClock(new Date('2026-11-23T02:00:00.000Z'));

  const open = () => new ChainedEventStore(new SqliteEventStore(file));
  const seal = async () => {
    const store = open();
    try {
      return await new AuditCheckpointer(store, key, clock, quiet).tick();
    } finally {
      await store.close();
    }
  };
  const verify = async (trusted: string | null = key.publicKey): Promise<VerifyReport> => {
    const store = open();
    try {
      return await verifyStore(store, trusted ? new Set([trusted]) : null);
    } finally {
      await store.close();
    }
  };
  /** Runs SQL on the closed file, as a tamperer would. */
  const tamper = (run: (db: Database.Database) => void) => {
    const db = new Database(file);
    try {
      run(db);
    } finally {
      db.close();
    }
  };
  const row = (stream: string, revision: number) => {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare('SELECT position, event_id, type, data, metadata FROM events WHERE stream_id = ? AND revision = ?')
        .get(stream, revision) as { position: number; event_id: string; type: string; data: string; metadata: string };
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-audit-'));
    file = join(dir, 'events.db');
    key = SigningKey.load(join(dir, 'audit-signing-key.pem'), { generate: true });
    const store = open();
    // Interleaved streams: positions 1–8 (a0 b0 a1 c0 b1 a2 c1 b2).
    await store.append('case-a', [anEvent('CaseSubmitted', { applicant: { name: '张三' } })], 'no_stream');
    await store.append('case-b', [anEvent('CaseSubmitted', { applicant: { name: '李四' } })], 'no_stream');
    await store.append('case-a', [anEvent('CaseAccepted', { dueDate: '2026-12-01' })], 0n);
    await store.append('case-c', [anEvent('CaseSubmitted', { applicant: { name: '王五' } })], 'no_stream');
    await store.append('case-b', [anEvent('CaseAccepted', { dueDate: '2026-12-02' })], 0n);
    await store.append('case-a', [anEvent('CaseCompleted', { outcome: 'APPROVED', onTime: false })], 1n);
    await store.append('case-c', [anEvent('CaseRejected', { reason: '材料不全' })], 0n);
    await store.append('case-b', [anEvent('CaseCompleted', { outcome: 'APPROVED', onTime: true })], 1n);
    await store.close();
    await seal(); // position 9 seals 1–8
    const more = open();
    await more.append('case-d', [anEvent('CaseSubmitted', { applicant: { name: '赵六' } })], 'no_stream'); // 10, not yet sealed
    await more.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an untouched log verifies, and reports what is sealed and what is not yet', async () => {
    expect(await verify()).toEqual({
      ok: true,
      events: 10,
      streams: 5,
      unchained: 0,
      checkpoints: 1,
      sealedUpTo: '8',
      unsealed: 2,
      keys: [key.keyId],
      firstBad: null,
    });
    // A second checkpoint seals the first one and the new event; nothing new, nothing written.
    expect(await seal()).toMatchObject({ upTo: '10', events: 10, previousUpTo: '8' });
    expect(await seal()).toBeNull();
    expect(await verify()).toMatchObject({ ok: true, events: 11, checkpoints: 2, sealedUpTo: '10', unsealed: 1 });
  });

  it('edit: an event whose content changed no longer gives its hash', async () => {
    tamper((db) =>
      db.prepare(`UPDATE events SET data = json_set(data, '$.onTime', json('true')) WHERE stream_id = 'case-a' AND revision = 2`).run(),
    );
    expect((await verify()).firstBad).toMatchObject({
      position: '6',
      stream: 'case-a',
      revision: '2',
      type: 'CaseCompleted',
      problem: 'HASH_MISMATCH',
    });
  });

  it('edit that recomputes the hashes of the stream: the checkpoint no longer matches', async () => {
    // The tamperer knows the algorithm and rewrites the link of the changed event (the last of its stream).
    const original = row('case-a', 2);
    const metadata = JSON.parse(original.metadata);
    const data = { ...JSON.parse(original.data), onTime: true };
    const [forged] = chainEvents('case-a', 1n, metadata.audit.prev, [{ id: original.event_id, type: original.type, data, metadata }]);
    tamper((db) =>
      db
        .prepare(`UPDATE events SET data = ?, metadata = ? WHERE position = ?`)
        .run(JSON.stringify(data), JSON.stringify(forged.metadata), original.position),
    );
    const report = await verify();
    expect(report.firstBad).toMatchObject({ position: '9', stream: CHECKPOINT_STREAM, problem: 'CHECKPOINT_MISMATCH' });
    expect(report.firstBad!.detail).toContain('something from the start up to position 8 was changed');
  });

  it("delete: a removed event breaks its stream, or, at a stream's end, the checkpoint", async () => {
    tamper((db) => db.prepare(`DELETE FROM events WHERE stream_id = 'case-b' AND revision = 1`).run());
    expect((await verify()).firstBad).toMatchObject({ position: '8', stream: 'case-b', revision: '2', problem: 'REVISION_OUT_OF_ORDER' });
  });

  it('delete the last event of a stream: the checkpoint catches it', async () => {
    tamper((db) => db.prepare(`DELETE FROM events WHERE stream_id = 'case-c' AND revision = 1`).run());
    expect((await verify()).firstBad).toMatchObject({ stream: CHECKPOINT_STREAM, problem: 'CHECKPOINT_MISMATCH' });
  });

  it('delete the event a checkpoint seals: its position is missing', async () => {
    tamper((db) => db.prepare(`DELETE FROM events WHERE position = 8`).run());
    expect((await verify()).firstBad).toMatchObject({ stream: CHECKPOINT_STREAM, problem: 'CHECKPOINT_POSITION_MISSING' });
  });

  it('insert: an event slipped into a stream, its own link forged, leaves the events it displaced out of order', async () => {
    // Make room at case-a revision 1 by moving the later revisions up, then insert a forged acceptance there.
    const before = row('case-a', 0);
    const prev = JSON.parse(before.metadata).audit.hash;
    const [forged] = chainEvents('case-a', 0n, prev, [anEvent('CaseAccepted', { dueDate: '2027-06-30' })]);
    tamper((db) => {
      db.prepare(`UPDATE events SET revision = revision + 100 WHERE stream_id = 'case-a' AND revision >= 1`).run();
      db.prepare(`UPDATE events SET revision = revision - 99 WHERE stream_id = 'case-a' AND revision >= 100`).run();
      db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, 1, ?, ?, ?)').run(
        forged.id,
        'case-a',
        forged.type,
        JSON.stringify(forged.data),
        JSON.stringify(forged.metadata),
      );
    });
    // In log order, the first bad event is the acceptance that had to move to revision 2.
    expect((await verify()).firstBad).toMatchObject({ position: '3', stream: 'case-a', revision: '2', problem: 'REVISION_OUT_OF_ORDER' });
  });

  it('insert: an event without an audit link, written around the service, is refused', async () => {
    tamper((db) =>
      db
        .prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, 0, ?, ?, ?)')
        .run('forged-1', 'case-x', 'CaseSubmitted', '{}', JSON.stringify(anEvent().metadata)),
    );
    expect((await verify()).firstBad).toMatchObject({ position: '11', stream: 'case-x', problem: 'LINK_MISSING' });
  });

  it('reorder: two events of different streams swapped in the log change the sealed order', async () => {
    tamper((db) => {
      db.prepare('UPDATE events SET position = 1000 WHERE position = 3').run();
      db.prepare('UPDATE events SET position = 3 WHERE position = 4').run();
      db.prepare('UPDATE events SET position = 4 WHERE position = 1000').run();
    });
    expect((await verify()).firstBad).toMatchObject({ stream: CHECKPOINT_STREAM, problem: 'CHECKPOINT_MISMATCH' });
  });

  it('reorder: two events of one stream swapped break the stream', async () => {
    tamper((db) => {
      db.prepare(`UPDATE events SET revision = 100 WHERE stream_id = 'case-b' AND revision = 1`).run();
      db.prepare(`UPDATE events SET revision = 1 WHERE stream_id = 'case-b' AND revision = 2`).run();
      db.prepare(`UPDATE events SET revision = 2 WHERE stream_id = 'case-b' AND revision = 100`).run();
    });
    expect((await verify()).firstBad).toMatchObject({ position: '5', stream: 'case-b', revision: '2', problem: 'REVISION_OUT_OF_ORDER' });
  });

  it('a checkpoint edited, or re-signed with another key, is refused', async () => {
    const checkpoint = row(CHECKPOINT_STREAM, 0);
    const data = JSON.parse(checkpoint.data);
    // The root changed, and the event's hash recomputed so that only the signature can tell.
    const edited = { ...data, merkleRoot: 'f'.repeat(64) };
    const metadata = JSON.parse(checkpoint.metadata);
    const [relinked] = chainEvents(CHECKPOINT_STREAM, 'no_stream', null, [
      { id: checkpoint.event_id, type: checkpoint.type, data: edited, metadata },
    ]);
    tamper((db) =>
      db
        .prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?')
        .run(JSON.stringify(edited), JSON.stringify(relinked.metadata), checkpoint.position),
    );
    expect((await verify()).firstBad).toMatchObject({ position: '9', problem: 'CHECKPOINT_SIGNATURE_INVALID' });

    // Signed properly, but by someone else's key: only a trusted key tells.
    const otherDir = mkdtempSync(join(tmpdir(), 'casetrail-other-key-'));
    const other = SigningKey.load(join(otherDir, 'k.pem'), { generate: true });
    const { signedPart } = await import('../../src/modules/oversight/audit/checkpoint');
    const resigned = { ...data, keyId: other.keyId, publicKey: other.publicKey };
    resigned.signature = other.sign(signedPart(resigned));
    const [relinked2] = chainEvents(CHECKPOINT_STREAM, 'no_stream', null, [
      { id: checkpoint.event_id, type: checkpoint.type, data: resigned, metadata },
    ]);
    tamper((db) =>
      db
        .prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?')
        .run(JSON.stringify(resigned), JSON.stringify(relinked2.metadata), checkpoint.position),
    );
    expect((await verify()).firstBad).toMatchObject({ position: '9', problem: 'CHECKPOINT_KEY_UNTRUSTED' });
    expect(await verify(null)).toMatchObject({ ok: true, keys: [other.keyId] });
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('events from before the chain are reported, not refused, when they come first', async () => {
    const legacyFile = join(dir, 'legacy.db');
    const raw = new SqliteEventStore(legacyFile);
    await raw.append('case-old', [anEvent('CaseSubmitted'), anEvent('CaseAccepted')], 'no_stream');
    await raw.close();
    const chained = new ChainedEventStore(new SqliteEventStore(legacyFile));
    await chained.append('case-old', [anEvent('CaseCompleted')], 1n);
    const [, accepted, completed] = await collect(chained.readStream('case-old'));
    expect(completed.metadata.audit!.prev).toBe(eventHash(accepted, null));
    expect(await verifyStore(chained, null)).toMatchObject({ ok: true, events: 3, unchained: 2 });
    await chained.close();
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => SigningKey.load(rsa, { generate: false })).toThrow(/not Ed25519/);
  });
});

describe('audit checkpointer: a long first seal shares the thread', () => {
  it('lets other work run while it reads the log, and seals all of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-seal-'));
    const store = new ChainedEventStore(new SqliteEventStore(join(dir, 'events.db')));
    try {
      const key = SigningKey.load(join(dir, 'key.pem'), { generate: true });
      for (let i = 0; i < 30; i++)
        await store.append(
          `case-${i}`,
          Array.from({ length: 100 }, (_, j) => anEvent('StepRecorded', { i, j })),
          'no_stream',
        );
      let read = 0;
      const counted = Object.create(store) as ChainedEventStore;
      counted.readAll = async function* (opts) {
        for await (const e of store.readAll(opts)) {
          read++;
          yield e;
        }
      };
      // A timer callback stands for a request waiting on the service's one thread.
      const seenAt: number[] = [];
      const probe = setInterval(() => seenAt.push(read), 0);
      const sealed = await new AuditCheckpointer(counted, key, new FixedClock(new Date('2026-11-23T02:00:00.000Z')), quiet).tick();
      clearInterval(probe);
      expect(sealed).toMatchObject({ events: 3000, upTo: '3000' });
      expect(seenAt.some((n) => n > 0 && n < 3000)).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
