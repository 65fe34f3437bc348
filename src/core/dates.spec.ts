import { chinaTimeOf, localDateOf } from './dates';

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
