import { chinaTimeOf, isIsoInstant, localDateOf } from './dates';

describe('China time (UTC+8, no daylight saving)', () => {
  it('reads an instant on the China-time wall clock, across the day boundary', () => {
    expect(chinaTimeOf('2025-05-21T01:06:00.000Z')).toBe('2025-05-21 09:06:00');
    expect(chinaTimeOf('2026-12-31T16:30:05.123Z')).toBe('2027-01-01 00:30:05');
    expect(chinaTimeOf(new Date('2026-03-02T09:30:00+08:00'))).toBe('2026-03-02 09:30:00');
  });

  it('puts an instant on the China-time day, as the wall clock shows it', () => {
    expect(localDateOf('2026-12-31T16:30:05.123Z')).toBe(chinaTimeOf('2026-12-31T16:30:05.123Z').slice(0, 10));
  });
});

describe('instants a client may send', () => {
  it('takes ISO-8601 with an offset, to the second or finer', () => {
    for (const ok of ['2026-03-02T09:30:00+08:00', '2026-03-02T01:30:00.123Z', '2024-02-29T23:59:59-05:00', '2026-03-02T09:30+08:00'])
      expect([ok, isIsoInstant(ok)]).toEqual([ok, true]);
  });

  it('refuses times that do not exist instead of rolling them into another day', () => {
    for (const bad of [
      '2026-02-30T10:00:00+08:00',
      '2025-02-29T10:00:00Z',
      '2026-03-02T24:00:00Z',
      '2026-03-02T09:60:00Z',
      '2026-03-02T09:30:60Z',
      '2026-03-02T09:30:00+23:59',
      '2026-13-01T09:30:00Z',
      '2026-03-02 09:30:00+08:00',
      '2026-03-02T09:30:00',
    ]) {
      expect([bad, isIsoInstant(bad)]).toEqual([bad, false]);
    }
  });
});
