import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../core/errors';
import { specFor } from '../../../test/support/given-when-then';
import { parseCatalogFile } from './catalog-file';
import { catalogDecider, CatalogEvent, PublishServiceItem } from './domain/catalog.decider';
import { ServiceItemDefinition } from './domain/service-item';

const given = specFor(catalogDecider);
const definition: ServiceItemDefinition = {
  code: 'MZ-DB-001',
  name: '城乡低保',
  department: '民政',
  window: 'civil-affairs',
  kind: 'promised',
  legalLimit: 30,
  promisedLimit: 27,
  limitUnit: 'working_days',
  fee: '0',
  materials: ['书面申请'],
  steps: ['受理', '审核'],
  allowsToleranceAcceptance: false,
};
const publish = (item: ServiceItemDefinition, occurredAt = '2026-01-05T01:00:00.000Z'): PublishServiceItem => ({
  type: 'PublishServiceItem',
  data: { item, occurredAt },
});
const v1: CatalogEvent = {
  type: 'ServiceItemPublished',
  data: { item: { ...definition, version: 1 }, publishedAt: '2026-01-05T01:00:00.000Z' },
};

describe('catalog decider', () => {
  it('publishes a new item as version 1', () => given([]).when(publish(definition)).then([v1]));

  it('publishes a revision as the next version', () =>
    given([v1])
      .when(publish({ ...definition, promisedLimit: 20 }))
      .then((events) => expect(events[0].data.item).toMatchObject({ version: 2, promisedLimit: 20 })));

  it('records nothing when the definition is unchanged', () =>
    given([v1])
      .when(publish({ ...definition, name: ' 城乡低保 ' }))
      .then([]));

  it('refuses a promised limit longer than the legal one', () =>
    given([])
      .when(publish({ ...definition, promisedLimit: 31 }))
      .thenThrows('VALIDATION.FAILED', { issues: [{ field: 'item.promisedLimit', message: expect.stringContaining('legal limit') }] }));

  it('refuses an unknown kind, a bad code and a negative limit, all at once', () =>
    given([])
      .when(publish({ ...definition, code: 'bad code', kind: 'urgent' as never, legalLimit: -1, promisedLimit: undefined }))
      .thenThrows('VALIDATION.FAILED', { issues: [{ field: 'item.code' }, { field: 'item.kind' }, { field: 'item.legalLimit' }] }));
});

describe('catalog file', () => {
  it('the demo catalog holds the items of SPEC §2 with their limits and fees', () => {
    const items = parseCatalogFile(readFileSync(join(__dirname, '../../../catalog/demo-catalog.yaml'), 'utf8'));
    const byName = Object.fromEntries(items.map((i) => [i.name, i]));
    expect(items.length).toBeGreaterThanOrEqual(15);
    expect(byName['结婚登记']).toMatchObject({ kind: 'immediate', fee: '9' });
    expect(byName['城乡低保']).toMatchObject({ promisedLimit: 27, legalLimit: 30, limitUnit: 'working_days' });
    expect(byName['城乡居民养老保险参保']).toMatchObject({ promisedLimit: 3, legalLimit: 7 });
    expect(byName['收养登记']).toMatchObject({ promisedLimit: 30, limitUnit: 'natural_days', fee: '250' });
    expect(byName['城市医疗救助'].promisedLimit).toBeUndefined(); // falls back to the 20-working-day default
    expect(byName['城市医疗救助'].stepLimits).toEqual({ 入户调查: 2 });
  });

  it('names every bad entry with its position and code', () => {
    expect(() =>
      parseCatalogFile('items:\n  - code: A\n    name: x\n    department: d\n    window: w\n    kind: sometimes\n  - code: A\n', 'my.yaml'),
    ).toThrow(/my.yaml: items\[0\] \(A\).kind.*my.yaml: items\[1\] \(A\).name.*items\[1\].code: duplicates A/s);
  });

  it('refuses a step limit for a step the item does not have', () => {
    expect(() =>
      parseCatalogFile(
        'items:\n  - {code: A, name: x, department: d, window: w, kind: promised, steps: [受理], stepLimits: {审核: 2}}\n',
        'f.yaml',
      ),
    ).toThrow(/stepLimits.审核: names a step/);
  });

  it("reads acceptance days, the applicant's 补正期限 (working days unless said) and minimum step durations", () => {
    const [item] = parseCatalogFile(
      'items:\n  - {code: A, name: x, department: d, window: w, kind: promised, steps: [公示], stepMinimumDays: {公示: 7}, acceptanceDays: {from: 1, to: 10}, supplementDeadline: {days: 15}}\n',
    );
    expect(item).toMatchObject({
      stepMinimumDays: { 公示: 7 },
      acceptanceDays: { from: 1, to: 10 },
      supplementDeadline: { days: 15, unit: 'working_days' },
    });
  });

  it('refuses impossible acceptance days, deadlines and step durations, naming each', () => {
    const bad =
      'items:\n  - {code: A, name: x, department: d, window: w, kind: promised, steps: [公示], stepMinimumDays: {公告: 0}, acceptanceDays: {from: 11, to: 10}, supplementDeadline: {days: 0, unit: weeks}}\n';
    let fields: string[] = [];
    try {
      parseCatalogFile(bad, 'f.yaml');
    } catch (error) {
      fields = (error as ValidationError).issues.map((i) => i.field.replace('f.yaml: items[0] (A).', ''));
    }
    expect(fields).toEqual([
      'stepMinimumDays.公告',
      'stepMinimumDays.公告',
      'acceptanceDays',
      'supplementDeadline.days',
      'supplementDeadline.unit',
    ]);
  });

  it("reads a joint item's participants, each required unless it says not; the demo's joint item has three", () => {
    const [item] = parseCatalogFile(
      'items:\n  - {code: A, name: x, department: d, window: w, kind: joint, participants: [{window: p1, department: 人社, reviewLimit: 5}, {window: p2, department: 医保, reviewLimit: 3, required: false}]}\n',
    );
    expect(item.participants).toEqual([
      { window: 'p1', department: '人社', reviewLimit: 5 },
      { window: 'p2', department: '医保', reviewLimit: 3, required: false },
    ]);
    const demo = parseCatalogFile(readFileSync(join(__dirname, '../../../catalog/demo-catalog.yaml'), 'utf8'));
    expect(demo.find((i) => i.name === '企业开办')?.participants?.map((p) => p.window)).toHaveLength(3);
  });

  it('refuses participants on an item that is not joint, fewer than two, the lead window, a bad limit', () => {
    const fieldsOf = (yaml: string) => {
      try {
        parseCatalogFile(yaml, 'f.yaml');
        return [];
      } catch (error) {
        return (error as ValidationError).issues.map((i) => i.field.replace('f.yaml: items[0] (A).', ''));
      }
    };
    const p = (window: string, limit = 5) => `{window: ${window}, department: d, reviewLimit: ${limit}}`;
    expect(
      fieldsOf(`items:\n  - {code: A, name: x, department: d, window: w, kind: promised, participants: [${p('p1')}, ${p('p2')}]}\n`),
    ).toEqual(['participants']);
    expect(fieldsOf(`items:\n  - {code: A, name: x, department: d, window: w, kind: joint, participants: [${p('p1')}]}\n`)).toEqual([
      'participants',
    ]);
    expect(
      fieldsOf(`items:\n  - {code: A, name: x, department: d, window: w, kind: joint, participants: [${p('w')}, ${p('p2', 0)}]}\n`),
    ).toEqual(['participants.0.window', 'participants.1.reviewLimit']);
  });

  it('refuses a file that is not YAML or has no items', () => {
    expect(() => parseCatalogFile('items: [', 'x.yaml')).toThrow(/x.yaml: is not valid YAML/);
    expect(() => parseCatalogFile('foo: 1', 'x.yaml')).toThrow(/must have a list "items"/);
  });
});
