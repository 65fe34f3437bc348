import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeOperation, authorizeTarget, inReach, reachOf } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { CALENDAR, CLOCK, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { Case } from '../../../cases/domain/case.state';
import { timeLimitView } from '../../../cases/queries/case-detail/time-limit.view';
import { withinReach } from '../../../cases/queries/case-list/case-reach';
import { Complaint } from '../../../complaints/domain/complaint.decider';
import { WorkingCalendar } from '../../../time-limits/domain/working-calendar';
import { KpiCase, KpiComplaint, KpiGroup, KpiRating, kpiRows } from '../../domain/kpis';
import { Rating } from '../../../ratings/domain/rating.decider';
import { requirePeriod } from '../../domain/periods';

/** `kpis`: the efficiency indicators of SPEC §6 for a period, grouped; lists narrow to the caller's reach. */
@Resolver()
export class KpisResolver {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query('kpis')
  async kpis(@Args('center') center: string, @Args('period') period: string, @Args('groupBy') groupBy: KpiGroup, @CurrentActor() actor: Actor) {
    const bounds = requirePeriod(period);
    const rule = authorizeOperation('Query.kpis', actor);
    if (rule === 'center' || rule === 'assigned') authorizeTarget('Query.kpis', actor, { center });
    const reach = reachOf(rule, actor);
    const { start, end } = bounds;
    const today = localDateOf(this.clock.now());
    const rows = await withinReach(this.db.selectFrom('case_list'), reach)
      .select('state')
      .where('center', '=', center)
      .where((eb) =>
        eb.or([
          eb.between('submitted_on', start, end),
          eb.between('accepted_on', start, end),
          eb.between('completed_on', start, end),
          eb.and([eb('completed_on', 'is', null), eb('time_state', 'in', ['WARNING', 'OVERDUE'])]),
        ]),
      )
      .execute();
    const cases: KpiCase[] = rows.map((row) => {
      const c = JSON.parse(row.state) as Case;
      const completedOn = c.completedAt ? localDateOf(c.completedAt) : null;
      const timed = completedOn && completedOn >= start && completedOn <= end && c.timeLimit?.unit === 'working_days';
      const view = timeLimitView(c, today, this.calendar);
      return {
        center: c.center,
        department: c.item?.department ?? null,
        window: c.window,
        handler: c.handler,
        itemCode: c.itemCode,
        submittedOn: localDateOf(c.submittedAt),
        acceptedOn: c.acceptedAt ? localDateOf(c.acceptedAt) : null,
        completedOn,
        onTime: c.onTime,
        timeState: view?.state ?? null,
        workingDaysUsed: timed && view ? view.workingDaysUsed : null,
        promisedWorkingDays: timed ? c.timeLimit!.limit : null,
      };
    });
    const complaintRows = await this.db.selectFrom('complaint_list').select('state').where('center', '=', center).execute();
    const complaints: KpiComplaint[] = complaintRows
      .map((row) => JSON.parse(row.state) as Complaint)
      .filter((k) => inReach(reach, { center: k.center, window: k.about.window, handler: k.finding?.staffId ?? k.about.staffId }))
      .map((k) => ({ center: k.center, window: k.about.window, staffId: k.finding?.staffId ?? k.about.staffId, filedOn: k.filedOn, valid: k.finding?.valid === true }));
    const ratingRows = await this.db.selectFrom('rating_list').select('state').where('center', '=', center).where('rated_on', '>=', start).where('rated_on', '<=', end).execute();
    const ratings: KpiRating[] = ratingRows
      .map((row) => JSON.parse(row.state) as Rating)
      .filter((r) => inReach(reach, { center: r.center, window: r.window, handler: r.staffId }))
      .map((r) => ({ center: r.center, window: r.window, staffId: r.staffId, ratedOn: r.ratedOn, level: r.level, setAside: r.setAside }));
    return kpiRows({ group: groupBy, start, end, today, cases, complaints, ratings });
  }
}
