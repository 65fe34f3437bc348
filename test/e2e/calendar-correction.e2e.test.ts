import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { addDays, yearOf } from '../../src/core/dates';
import { computeDueDate } from '../../src/modules/time-limits/domain/due-date';
import { buildCalendar, parseCenterCalendar, statutoryHolidays } from '../../src/modules/time-limits/official-calendar';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

const CASE = `case(id: $id) { timeLimit { startDate dueDate originalDueDate provisional } history { type actor { id role } data } }`;
const rule = { kind: 'promised', promisedLimit: 365, limitUnit: 'working_days' } as const;

/**
 * The live case of SPEC's clarification: a case accepted now runs into a year whose holiday schedule is
 * not installed. Its due date is provisional; once a calendar file with that year's schedule is added and
 * the service restarted (here: two instances at once on one store), the case gets exactly one recorded
 * correction. An item promised in 365 working days reaches past any schedule a package could have.
 */
describe('a provisional due date corrected when next year’s schedule is installed (end to end, two instances)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  let second: TestService | undefined;
  beforeAll(() => service.start(), 60_000);
  afterAll(async () => {
    await second?.stop();
    await service.stop();
    await second?.cleanup();
    await service.cleanup();
  }, 60_000);

  it('records one DueDateCorrected with the old date, the new date, why and which calendar', async () => {
    await service.ok(
      `mutation($input: PublishServiceItemInput!) { publishServiceItem(input: $input) { item { code } } }`,
      {
        input: {
          commandId: randomUUID(),
          item: {
            code: 'CT-LONG',
            name: '长期承诺件',
            department: '民政',
            window: 'civil-affairs',
            kind: 'PROMISED',
            promisedLimit: 365,
            fee: '0',
          },
        },
      },
      service.token('admin', 'admin-1'),
    );
    const submit = await service.ok(`mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`, {
      input: { commandId: randomUUID(), itemCode: 'CT-LONG', applicant: { name: '张三', idNumber: '11010519491231002X' } },
    });
    const id = submit.case.id;
    const accepted = await service.ok(
      `mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { case { timeLimit { startDate dueDate provisional } } } }`,
      {
        input: { commandId: randomUUID(), caseId: id },
      },
    );
    const { startDate, dueDate, provisional } = accepted.case.timeLimit as { startDate: string; dueDate: string; provisional: boolean };
    expect(provisional).toBe(true);

    // The notice, as a center would type it in: every year the package lacks, its statutory holidays,
    // and one more day off (a 补假) in the last of them, inside the case's period.
    const installed = buildCalendar();
    const years: number[] = [];
    for (let y = yearOf(startDate); y <= yearOf(dueDate) + 1; y++) if (!installed.covers(y)) years.push(y);
    let extra = dueDate;
    while (!installed.isWorkingDay(extra) || installed.covers(yearOf(extra)) || extra === dueDate) extra = addDays(extra, -1);
    const holidays: Record<string, string> = Object.assign({}, ...years.map(statutoryHolidays), { [extra]: '补假' });
    const file = join(service.dir, 'calendar-next-year.yaml');
    writeFileSync(file, stringify({ holidays, coveredYears: years }));
    const expected = computeDueDate(
      rule,
      startDate,
      buildCalendar(parseCenterCalendar(stringify({ holidays, coveredYears: years }))),
    ).dueDate;
    expect(expected).toBe(installed.addWorkingDays(dueDate, 1));

    await service.stop();
    service.setEnv({ CASETRAIL_CALENDAR: file });
    second = service.sibling();
    await Promise.all([service.start(), second.start()]);

    const corrected = await eventually(
      async () => {
        const c = (await service.gql(`query($id: ID!) { ${CASE} }`, { id })).data!.case;
        expect(c.timeLimit).toEqual({ startDate, dueDate: expected, originalDueDate: dueDate, provisional: false });
        return c;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect((await second.gql(`query($id: ID!) { ${CASE} }`, { id })).data!.case.timeLimit.dueDate).toBe(expected);
    // Both instances have run their watcher since they started; stopping waits for a run in progress.
    await Promise.all([second.stop(), service.stop()]);
    await service.start();
    const history = (await service.gql(`query($id: ID!) { ${CASE} }`, { id })).data!.case.history as Array<{
      type: string;
      actor: unknown;
      data: Record<string, unknown>;
    }>;
    const corrections = history.filter((e) => e.type === 'DueDateCorrected');
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toEqual({
      type: 'DueDateCorrected',
      actor: { id: 'deadline-watcher', role: 'system' },
      data: expect.objectContaining({
        previousDueDate: dueDate,
        dueDate: expected,
        provisional: false,
        calendar: expect.stringContaining('calendar-next-year.yaml'),
      }),
    });
    expect(corrected.history.map((e: { type: string }) => e.type)).toEqual(history.map((e) => e.type));
  }, 180_000);
});
