import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// chinese-days renders dates with the process's local-time getters, and a time zone cannot be changed
// inside a running test, so each zone gets a process of its own, running the built calendar.
const CALENDAR = join(__dirname, '../../dist/modules/time-limits/official-calendar.js');
const holidaysIn = (zone: string): Record<string, string>[] =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ['-e', `const c = require(${JSON.stringify(CALENDAR)}); console.log(JSON.stringify([2027, 2028, 2031].map(c.statutoryHolidays)))`],
      {
        env: { PATH: process.env.PATH, TZ: zone },
        encoding: 'utf8',
      },
    ),
  );

describe('the statutory holidays of a year without a yearly notice, in any time zone the server runs in', () => {
  const inChina = holidaysIn('Asia/Shanghai');

  it('are computed on the China calendar', () => {
    expect(Object.keys(inChina[0])).toEqual(expect.arrayContaining(['2027-02-05', '2027-02-06', '2027-04-05', '2027-06-09', '2027-09-15']));
  });

  it.each(['UTC', 'America/New_York', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])('are the same in %s', (zone) => {
    expect(holidaysIn(zone)).toEqual(inChina);
  });
});
