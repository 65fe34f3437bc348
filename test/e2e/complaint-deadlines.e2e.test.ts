import { randomUUID } from 'node:crypto';
import { TestService } from '../support/service';

/**
 * SPEC §7 (clarification): an ordinary complaint is answered within 3 calendar days (当日或三天内), a
 * deadline on a rest day moving to the next working day; a center that counts working days says so.
 */
describe('complaint answer deadlines (end to end)', () => {
  const calendarDays = new TestService();
  const workingDays = new TestService({ CASETRAIL_COMPLAINT_ANSWER_UNIT: 'working_days' });
  beforeAll(() => Promise.all([calendarDays.start(), workingDays.start()]));
  afterAll(async () => {
    for (const service of [calendarDays, workingDays]) {
      await service.stop();
      await service.cleanup();
    }
  });

  /** Files a complaint received on `occurredAt` (entered afterwards, as a letter is) and returns its due day. */
  const answerDue = async (service: TestService, occurredAt: string) => {
    const res = await service.gql(
      `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { filedOn answerDue } } }`,
      {
        input: {
          commandId: randomUUID(),
          center: 'c1',
          channel: 'WRITING',
          about: { window: 'civil-affairs' },
          complainant: { name: '赵六' },
          matter: '来信反映窗口办事拖拉',
          occurredAt,
          backfillReason: '信访件补录',
        },
      },
      service.token('center_leader', 'leader-1', { center: 'c1' }),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.fileComplaint.complaint as { filedOn: string; answerDue: string };
  };

  it('gives 3 calendar days, moved off a weekend or a holiday to the next working day', async () => {
    expect(await answerDue(calendarDays, '2026-11-23T09:00:00+08:00')).toEqual({ filedOn: '2026-11-23', answerDue: '2026-11-26' });
    // Thursday + 3 is Sunday: due Monday.
    expect(await answerDue(calendarDays, '2026-11-26T09:00:00+08:00')).toEqual({ filedOn: '2026-11-26', answerDue: '2026-11-30' });
    // Into National Day (1–7 October 2026): due the first working day after it.
    expect(await answerDue(calendarDays, '2026-09-30T09:00:00+08:00')).toEqual({ filedOn: '2026-09-30', answerDue: '2026-10-08' });
  });

  it('counts working days where the center says so (CASETRAIL_COMPLAINT_ANSWER_UNIT=working_days)', async () => {
    expect(await answerDue(workingDays, '2026-11-26T09:00:00+08:00')).toEqual({ filedOn: '2026-11-26', answerDue: '2026-12-01' });
  });
});
