import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/core/clock';
import { ChainedEventStore } from '../../src/infrastructure/event-store/chained-event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { AuditCheckpointer } from '../../src/modules/oversight/audit/audit-checkpointer';
import { SigningKey } from '../../src/modules/oversight/audit/signing-key';
import { Dossier, DossierError, buildDossier, verifyDossier } from '../../src/modules/oversight/dossier/dossier';
import { chinaTimeOf } from '../../src/core/dates';
import { checkCaseChain } from '../../src/modules/oversight/dossier/case-chain';
import { renderDossierHtml } from '../../src/modules/oversight/dossier/dossier-html';
import { anEvent } from '../support/events';

const quiet = { log: () => undefined, error: () => undefined };

describe('case dossier (案卷): exported from a real store, checked on its own', () => {
  let dir: string;
  let store: ChainedEventStore;
  let key: SigningKey;
  let dossier: Dossier;
  const clock = new FixedClock(new Date('2026-11-23T02:00:00.000Z'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-dossier-'));
    key = SigningKey.load(join(dir, 'key.pem'), { generate: true });
    store = new ChainedEventStore(new SqliteEventStore(join(dir, 'events.db')));
    // Other traffic around the case, so that its events are leaves among many.
    for (let i = 0; i < 37; i++) await store.append(`case-other-${i}`, [anEvent('CaseSubmitted', { i })], 'no_stream');
    await store.append(
      'case-x',
      [anEvent('CaseSubmitted', { applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' } })],
      'no_stream',
    );
    for (let i = 37; i < 60; i++) await store.append(`case-other-${i}`, [anEvent('CaseSubmitted', { i })], 'no_stream');
    await store.append('case-x', [anEvent('CaseAccepted', { dueDate: '2026-12-01' })], 0n);
    await store.append('case-x', [anEvent('CaseCompleted', { outcome: 'APPROVED', onTime: true })], 1n);
    for (let i = 60; i < 70; i++) await store.append(`case-other-${i}`, [anEvent('CaseSubmitted', { i })], 'no_stream');
    await new AuditCheckpointer(store, key, clock, quiet).tick();
    await store.append('case-x', [anEvent('ResultDelivered', { method: 'PICKUP' })], 2n); // after the seal
    dossier = JSON.parse(JSON.stringify(await buildDossier(store, 'x', clock.now()))); // as written to and read from a file
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const edited = (change: (d: Dossier) => void) => {
    const copy = structuredClone(dossier);
    change(copy);
    return verifyDossier(copy, key.publicKey);
  };

  it('verifies offline: the chain, the signature, and the inclusion of the last sealed event in the signed root', () => {
    expect(dossier.events.map((e) => e.type)).toEqual(['CaseSubmitted', 'CaseAccepted', 'CaseCompleted', 'ResultDelivered']);
    expect(dossier.proof).toMatchObject({ treeSize: 73, leafIndex: 62 });
    expect(dossier.proof!.path).toHaveLength(7);
    expect(verifyDossier(dossier, key.publicKey)).toEqual({
      ok: true,
      caseId: 'x',
      events: 4,
      sealed: 3,
      unsealed: 1,
      keyId: key.keyId,
      checkpoint: { upTo: '73', events: 73, signedAt: '2026-11-23T02:00:00.000Z' },
      problem: null,
    });
  });

  it('finds every kind of change to the file', () => {
    expect(edited((d) => ((d.events[0].data as { applicant: { name: string } }).applicant.name = '李四')).problem).toMatchObject({
      problem: 'HASH_MISMATCH',
      revision: '0',
    });
    expect(edited((d) => d.events.splice(1, 1)).problem).toMatchObject({ problem: 'REVISION_OUT_OF_ORDER', revision: '2' });
    expect(edited((d) => d.events.reverse()).problem).toMatchObject({ problem: 'REVISION_OUT_OF_ORDER' });
    expect(edited((d) => (d.proof!.path[3] = d.proof!.path[3].replace(/^./, (c) => (c === 'a' ? 'b' : 'a')))).problem).toMatchObject({
      problem: 'INCLUSION_PROOF_INVALID',
    });
    expect(edited((d) => (d.proof!.eventId = d.events[0].id)).problem).toMatchObject({ problem: 'INCLUSION_PROOF_INVALID' });
    expect(edited((d) => (d.checkpoint!.merkleRoot = '0'.repeat(64))).problem).toMatchObject({ problem: 'CHECKPOINT_SIGNATURE_INVALID' });
    // The last events dropped, with the proof's event: what remains is not proven sealed.
    expect(edited((d) => d.events.splice(2)).problem).toMatchObject({ problem: 'INCLUSION_PROOF_INVALID' });
    expect(verifyDossier({ format: 'something else' }, null).problem).toMatchObject({ problem: 'DOSSIER_MALFORMED' });
    expect(verifyDossier(null, null).problem).toMatchObject({ problem: 'DOSSIER_MALFORMED' });
  });

  it('accepts only the trusted key, when one is given', () => {
    const other = SigningKey.load(join(dir, 'other.pem'), { generate: true });
    expect(verifyDossier(dossier, other.publicKey).problem).toMatchObject({ problem: 'CHECKPOINT_KEY_UNTRUSTED' });
    expect(verifyDossier(dossier, null).ok).toBe(true);
  });

  it('renders a page for the file, each step by its name, personal numbers masked, nothing executable', () => {
    const html = renderDossierHtml(dossier, verifyDossier(dossier, key.publicKey));
    expect(html).toContain('校验通过 Verified: 3 of 4 events are sealed');
    expect(html).toContain('受理 <small>CaseAccepted</small>');
    expect(html).toContain('送达 / 领取 <small>ResultDelivered</small>');
    // Times as the office's clock showed them (China time), not UTC.
    expect(html).toContain(`<td>${chinaTimeOf(dossier.events[0].metadata.recordedAt)}</td>`);
    expect(html).not.toContain(dossier.events[0].metadata.recordedAt);
    expect(html).toContain('1101**********002X');
    expect(html).not.toContain('11010519491231002X');
    expect(html).not.toContain('13800138000');
    expect(html).not.toMatch(/<script/i);
    const hostile = structuredClone(dossier);
    (hostile.events[1].data as Record<string, unknown>).dueDate = '<script>alert(1)</script>';
    expect(renderDossierHtml(hostile, verifyDossier(hostile, null))).not.toContain('<script>alert');
  });

  it('reads the verdict onto each event: sealed, recorded since the seal, broken, and after the break', () => {
    const statuses = (c: ReturnType<typeof checkCaseChain>) => c.events.map((e) => e.status);
    const intact = checkCaseChain(dossier, key.publicKey);
    expect(intact).toMatchObject({ ok: true, sealed: 3, problem: null, keyId: key.keyId, checkpoint: { upTo: '73', events: 73 } });
    expect(statuses(intact)).toEqual(['SEALED', 'SEALED', 'SEALED', 'CHAINED']);
    expect(intact.events.map((e) => e.hash)).toEqual(dossier.events.map((e) => e.metadata.audit!.hash));

    const second = structuredClone(dossier);
    (second.events[1].data as { dueDate: string }).dueDate = '2027-01-01';
    const edited = checkCaseChain(second, key.publicKey);
    expect(edited).toMatchObject({ ok: false, sealed: 0, problem: 'HASH_MISMATCH' });
    expect(statuses(edited)).toEqual(['CHAINED', 'BROKEN', 'AFTER_BREAK', 'AFTER_BREAK']);

    // A checkpoint that fails says nothing against the links: every event stays CHAINED, the case is not ok.
    const other = SigningKey.load(join(dir, 'other.pem'), { generate: true });
    const untrusted = checkCaseChain(dossier, other.publicKey);
    expect(untrusted).toMatchObject({ ok: false, sealed: 0, problem: 'CHECKPOINT_KEY_UNTRUSTED' });
    expect(statuses(untrusted)).toEqual(['CHAINED', 'CHAINED', 'CHAINED', 'CHAINED']);
    const badProof = structuredClone(dossier);
    badProof.proof!.eventId = badProof.events[0].id;
    expect(statuses(checkCaseChain(badProof, key.publicKey))).toEqual(['CHAINED', 'CHAINED', 'CHAINED', 'CHAINED']);

    // Before the first seal nothing is wrong, only nothing sealed yet; an event from before the chain existed is UNCHAINED.
    const unsealed = { ...structuredClone(dossier), checkpoint: null, proof: null };
    expect(checkCaseChain(unsealed, key.publicKey)).toMatchObject({ ok: true, sealed: 0, problem: null, checkpoint: null });
    const legacy = structuredClone(unsealed);
    legacy.events = legacy.events.slice(0, 1);
    delete legacy.events[0].metadata.audit;
    expect(checkCaseChain(legacy, null).events).toEqual([
      { position: legacy.events[0].position, revision: 0, hash: null, status: 'UNCHAINED' },
    ]);
  });

  it('refuses a case that does not exist', async () => {
    await expect(buildDossier(store, 'nope', clock.now())).rejects.toThrow(DossierError);
  });

  // These two change the store: they run last.
  it("still proves a case whose own events are intact when another case's event was edited (verify names that one)", async () => {
    const db = new Database(join(dir, 'events.db'));
    db.prepare(`UPDATE events SET data = json_set(data, '$.i', 999) WHERE stream_id = 'case-other-5'`).run();
    db.close();
    expect(verifyDossier(await buildDossier(store, 'x', clock.now()), key.publicKey)).toMatchObject({ ok: true, sealed: 3 });
  });

  it("cannot prove the case when another event's stored hash was rewritten: the proof no longer meets the signed root", async () => {
    const db = new Database(join(dir, 'events.db'));
    const row = db.prepare(`SELECT position, metadata FROM events WHERE stream_id = 'case-other-40'`).get() as {
      position: number;
      metadata: string;
    };
    const metadata = JSON.parse(row.metadata);
    metadata.audit.hash = 'f'.repeat(64);
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), row.position);
    db.close();
    expect(verifyDossier(await buildDossier(store, 'x', clock.now()), key.publicKey).problem).toMatchObject({
      problem: 'INCLUSION_PROOF_INVALID',
    });
  });
});
