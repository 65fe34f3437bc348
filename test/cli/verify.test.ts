import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKey } from '../../src/modules/oversight/audit/signing-key';
import { adminQuery, databaseUrl, describeWithPostgres } from '../support/postgres';

const ROOT = join(__dirname, '../..');

/** `casetrail checkpoint` and `casetrail verify`, run as an operator would (the built CLI). */
describe('casetrail verify and checkpoint (command line)', () => {
  let dir: string;
  const cli = (...args: string[]) => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/casetrail.js'), ...args], {
      env: { PATH: process.env.PATH, EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}` },
      encoding: 'utf8',
    });
    return { status: run.status, out: run.stdout, err: run.stderr };
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-verify-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seals a simulated log, verifies it, and names the first bad event once a row is edited', () => {
    expect(cli('simulate', '--days', '3', '--cases-per-day', '10', '--seed', '5').status).toBe(0);
    const sealed = cli('checkpoint');
    expect(sealed.status).toBe(0);
    const key = SigningKey.load(join(dir, 'audit-signing-key.pem'), { generate: false });
    expect(cli('public-key').out).toBe(`${key.publicKey}\nkey id ${key.keyId}\n`);
    expect(sealed.out).toMatch(new RegExp(`Checkpoint signed with key ${key.keyId}: \\d+ events up to position \\d+`));
    expect(cli('checkpoint').out).toBe('Nothing new to seal since the last checkpoint.\n');

    const ok = cli('verify');
    expect(ok.status).toBe(0);
    expect(ok.out).toContain('OK: every stream chain and every checkpoint holds.');
    expect(ok.out).toContain(`Checkpoints must be signed with key ${key.keyId}`);
    const json = JSON.parse(cli('verify', '--json').out);
    expect(json).toMatchObject({ ok: true, checkpoints: 1, unsealed: 1, firstBad: null, trustedKey: key.keyId });

    const db = new Database(join(dir, 'events.db'));
    const victim = db
      .prepare(`SELECT position, stream_id, type FROM events WHERE type = 'CaseAccepted' ORDER BY position LIMIT 1 OFFSET 3`)
      .get() as { position: number; stream_id: string; type: string };
    db.prepare(`UPDATE events SET data = json_set(data, '$.handler', 'someone-else') WHERE position = ?`).run(victim.position);
    db.close();
    const bad = cli('verify');
    expect(bad.status).toBe(1);
    expect(bad.out).toContain(`TAMPERED: first bad event at position ${victim.position}: stream ${victim.stream_id}`);
    expect(bad.out).toContain('HASH_MISMATCH');
  });

  it('gives the same report with the hashes recomputed in worker threads, and names the same first bad event', () => {
    // Over 2,000 events: parts of 1,000 positions, so both workers take parts and the checks cross them.
    expect(cli('simulate', '--days', '20', '--cases-per-day', '60', '--seed', '9').status).toBe(0);
    expect(cli('checkpoint').status).toBe(0);
    expect(cli('simulate', '--days', '1', '--cases-per-day', '20', '--seed', '10').status).toBe(0);
    const report = (...args: string[]) => {
      const run = cli('verify', '--json', ...args);
      const { seconds, ...rest } = JSON.parse(run.out);
      expect(seconds).toEqual(expect.any(Number));
      return { status: run.status, ...rest };
    };
    const alone = report('--workers', '0');
    expect(alone).toMatchObject({ status: 0, ok: true, checkpoints: 1 });
    expect(alone.events).toBeGreaterThan(2_000);
    expect(alone.unsealed).toBeGreaterThan(0);
    expect(report('--workers', '2')).toEqual(alone);
    expect(report('--workers', '3')).toEqual(alone);

    // Edited inside the sealed range, in a later part: the event's own hash gives it away.
    const db = new Database(join(dir, 'events.db'));
    const victim = db
      .prepare(`SELECT position FROM events WHERE type = 'CaseAccepted' AND position > 1500 ORDER BY position LIMIT 1`)
      .get() as { position: number };
    db.prepare(`UPDATE events SET data = json_set(data, '$.handler', 'someone-else') WHERE position = ?`).run(victim.position);
    db.close();
    const tampered = report('--workers', '0');
    expect(tampered).toMatchObject({ status: 1, ok: false, firstBad: { position: String(victim.position), problem: 'HASH_MISMATCH' } });
    expect(report('--workers', '2')).toEqual(tampered);

    expect(cli('verify', '--workers', 'many').err).toContain('must be a whole number');
  });

  it('refuses checkpoints signed with a key other than the one given', () => {
    expect(cli('simulate', '--days', '1', '--cases-per-day', '5', '--seed', '6').status).toBe(0);
    expect(cli('checkpoint').status).toBe(0);
    const other = SigningKey.load(join(dir, 'other.pem'), { generate: true });
    const run = cli('verify', '--public-key', other.publicKey, '--json');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.out).firstBad).toMatchObject({ problem: 'CHECKPOINT_KEY_UNTRUSTED' });
  });

  it('exports a case dossier that checks on its own, records the export, and fails once the file is edited', () => {
    expect(cli('simulate', '--days', '2', '--cases-per-day', '5', '--seed', '8').status).toBe(0);
    const db = new Database(join(dir, 'events.db'), { readonly: true });
    const caseStream = (
      db.prepare(`SELECT stream_id FROM events WHERE type = 'CaseCompleted' ORDER BY position LIMIT 1`).get() as { stream_id: string }
    ).stream_id;
    db.close();
    const caseId = caseStream.slice('case-'.length);
    const file = join(dir, 'case.json');
    expect(cli('export', '--case', caseId, '--out', file).status).not.toBe(0); // no reason given
    const unknown = cli('export', '--case', 'no-such-case', '--reason', '信访复查', '--out', file);
    expect(unknown.status).not.toBe(0);
    expect(unknown.err).toContain('CASE.NOT_FOUND');
    const exported = cli('export', '--case', caseId, '--reason', '信访复查', '--by', 'inspector-7', '--out', file);
    expect(exported.status).toBe(0);
    expect(exported.out).toContain(`Dossier of case ${caseId}:`);
    const key = SigningKey.load(join(dir, 'audit-signing-key.pem'), { generate: false });
    const checked = cli('verify', '--dossier', file, '--public-key', key.publicKey);
    expect(checked.status).toBe(0);
    expect(checked.out).toMatch(/OK: \d+ events sealed/);
    expect(readFileSync(join(dir, 'case.html'), 'utf8')).toMatch(new RegExp(`<h1>案卷 Case dossier c1-\\d{8}-\\d{4} `));
    const after = new Database(join(dir, 'events.db'), { readonly: true });
    const recorded = after.prepare(`SELECT data, metadata FROM events WHERE type = 'DossierExported'`).all() as Array<{
      data: string;
      metadata: string;
    }>;
    after.close();
    expect(recorded.map((r) => JSON.parse(r.data))).toEqual([
      { caseId, by: 'inspector-7', reason: '信访复查', exportedAt: expect.any(String) },
    ]);

    const dossier = JSON.parse(readFileSync(file, 'utf8'));
    dossier.events[0].metadata.occurredAt = '2020-01-01T00:00:00.000Z';
    writeFileSync(file, JSON.stringify(dossier));
    const bad = cli('verify', '--dossier', file);
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('NOT VERIFIED: HASH_MISMATCH at revision 0');
  });

  it('exports by receipt number into the data directory, readable by its owner only, as a page a person can read', () => {
    expect(cli('simulate', '--days', '2', '--cases-per-day', '5', '--seed', '8').status).toBe(0);
    const db = new Database(join(dir, 'events.db'), { readonly: true });
    const caseStream = (
      db.prepare(`SELECT stream_id FROM events WHERE type = 'CaseCompleted' ORDER BY position LIMIT 1`).get() as { stream_id: string }
    ).stream_id;
    const submitted = JSON.parse(
      (db.prepare(`SELECT data FROM events WHERE stream_id = ? AND type = 'CaseSubmitted'`).get(caseStream) as { data: string }).data,
    );
    const itemName = JSON.parse(
      (db.prepare(`SELECT data FROM events WHERE stream_id = ? AND type = 'CaseAccepted'`).get(caseStream) as { data: string }).data,
    ).item.name;
    db.close();
    const exported = cli('export', '--case', submitted.receiptNo, '--reason', '信访复查', '--by', 'inspector-7');
    expect(exported.status).toBe(0);
    const json = join(dir, 'dossiers', `dossier-${submitted.receiptNo}.json`);
    const html = join(dir, 'dossiers', `dossier-${submitted.receiptNo}.html`);
    expect(exported.out).toContain(json);
    expect(exported.out).toContain(html);
    for (const file of [json, html]) expect([file, statSync(file).mode & 0o777]).toEqual([file, 0o600]);
    expect(statSync(join(dir, 'dossiers')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(json, 'utf8')).caseId).toBe(caseStream.slice('case-'.length));
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`<title>案卷 ${submitted.receiptNo} ${itemName}</title>`);
    expect(page).toContain(`收件，受理编号 ${submitted.receiptNo}`);
    expect(page).toMatch(/受理，事项「[^」]+」，\d+ 个(工作日|自然日)，自.+起算，承诺办结期限 \d{4}-\d{2}-\d{2}/);
    expect(page).toMatch(/办结（(准予|不予)）/);
    expect(page).toContain('Noto Sans CJK SC');
    // Sentences, not records: no raw JSON of the events on the page.
    expect(page).not.toContain('&quot;caseId&quot;');
    expect(cli('export', '--case', 'c1-20990101-0001', '--reason', '信访复查').err).toContain(
      'CASE.NOT_FOUND: no case with the id or receipt number c1-20990101-0001',
    );
  });
});

describeWithPostgres('casetrail verify on PostgreSQL, with worker threads', () => {
  const database = `verify_cli_${process.pid}`;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-verify-pg-'));
    await adminQuery(`DROP DATABASE IF EXISTS ${database}`);
    await adminQuery(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/casetrail.js'), ...args], {
      env: { PATH: process.env.PATH, EVENT_STORE_URL: databaseUrl(database), CASETRAIL_DATA_DIR: dir },
      encoding: 'utf8',
    });

  it('gives the same report whether the hashes are recomputed here or in workers reading their own parts', () => {
    expect(cli('simulate', '--days', '20', '--cases-per-day', '60', '--seed', '9').status).toBe(0);
    expect(cli('checkpoint').status).toBe(0);
    const report = (workers: string) => {
      const { seconds: _seconds, ...rest } = JSON.parse(cli('verify', '--json', '--workers', workers).stdout);
      return rest;
    };
    const alone = report('0');
    expect(alone).toMatchObject({ ok: true, checkpoints: 1 });
    expect(alone.events).toBeGreaterThan(2_000);
    expect(report('2')).toEqual(alone);
  });
});
