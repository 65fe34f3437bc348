import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLocation, loadConfig } from '../../src/config';

describe('store settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-config-'));
  const base = { CASETRAIL_DATA_DIR: dir, CASETRAIL_JWT_SECRET: 'x'.repeat(32) };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps SQLite read models in a file beside the events', () => {
    const config = loadConfig({ ...base, EVENT_STORE_URL: `sqlite:${join(dir, 'casetrail.db')}` });
    expect(config.readModels).toEqual({ kind: 'sqlite', path: join(dir, 'casetrail.read-models.db') });
  });

  it('keeps read models in the event store database when that is PostgreSQL', () => {
    const url = 'postgres://casetrail@db/casetrail';
    expect(loadConfig({ ...base, EVENT_STORE_URL: url }).readModels).toEqual({ kind: 'postgres', url });
  });

  it('accepts EventStoreDB for events, single node or cluster, with read models in the data directory unless READ_MODEL_URL says otherwise', () => {
    const single = loadConfig({ ...base, EVENT_STORE_URL: 'esdb://admin:changeit@esdb:2113?tls=false' });
    expect(single.eventStore).toEqual({ kind: 'eventstoredb', url: 'esdb://admin:changeit@esdb:2113?tls=false' });
    expect(single.readModels).toEqual({ kind: 'sqlite', path: join(dir, 'casetrail.read-models.db') });
    expect(describeLocation(single.eventStore)).toBe('esdb://admin:***@esdb:2113?tls=false');
    const cluster = loadConfig({
      ...base,
      EVENT_STORE_URL: 'esdb+discover://esdb1:2113,esdb2:2113',
      READ_MODEL_URL: 'postgres://casetrail@db/casetrail',
    });
    expect(cluster.eventStore.kind).toBe('eventstoredb');
    expect(cluster.readModels).toEqual({ kind: 'postgres', url: 'postgres://casetrail@db/casetrail' });
  });

  it('refuses EventStoreDB for read models and unknown schemes, naming what is supported', () => {
    expect(() => loadConfig({ ...base, EVENT_STORE_URL: 'mysql://db' })).toThrow(
      'EVENT_STORE_URL: unsupported store "mysql:" (supported: sqlite:<file>, postgres://…, esdb://…)',
    );
    expect(() => loadConfig({ ...base, READ_MODEL_URL: 'esdb://esdb:2113' })).toThrow(
      'READ_MODEL_URL: unsupported store "esdb:" (supported: sqlite:<file>, postgres://…)',
    );
  });
});

describe('follow-up periods: complaint answers (SPEC §7) and routed first inquiries (首问负责)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-config-'));
  const base = { CASETRAIL_DATA_DIR: dir, CASETRAIL_JWT_SECRET: 'x'.repeat(32), EVENT_STORE_URL: `sqlite:${join(dir, 'c.db')}` };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is 3 calendar days unless the center says otherwise', () => {
    expect(loadConfig(base).complaintAnswer).toEqual({ days: 3, unit: 'natural_days' });
    expect(
      loadConfig({ ...base, CASETRAIL_COMPLAINT_ANSWER_DAYS: '5', CASETRAIL_COMPLAINT_ANSWER_UNIT: 'working_days' }).complaintAnswer,
    ).toEqual({ days: 5, unit: 'working_days' });
  });

  it('refuses a unit it does not know and a number out of range, naming the variable', () => {
    expect(() => loadConfig({ ...base, CASETRAIL_COMPLAINT_ANSWER_UNIT: 'days' })).toThrow(
      'CASETRAIL_COMPLAINT_ANSWER_UNIT must be natural_days or working_days, got "days"',
    );
    expect(() => loadConfig({ ...base, CASETRAIL_COMPLAINT_ANSWER_DAYS: '0' })).toThrow(/CASETRAIL_COMPLAINT_ANSWER_DAYS/);
  });

  it('gives a routed first-inquiry visit 3 working days before the leaders are told, or what the center sets', () => {
    expect(loadConfig(base).consultationFollowUpWorkingDays).toBe(3);
    expect(loadConfig({ ...base, CASETRAIL_CONSULTATION_FOLLOW_UP_DAYS: '5' }).consultationFollowUpWorkingDays).toBe(5);
    expect(() => loadConfig({ ...base, CASETRAIL_CONSULTATION_FOLLOW_UP_DAYS: '0' })).toThrow(/CASETRAIL_CONSULTATION_FOLLOW_UP_DAYS/);
  });
});
