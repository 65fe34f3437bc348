import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeOperation, authorizeTarget, inReach, reachOf } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { CALENDAR, CLOCK, EVENT_STORE, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { positionAt } from '../../../../infrastructure/read-models/log-timeline';
import { EventStore, foldStream } from '../../../../core/event-store';
import { ExpressionBuilder } from 'kysely';
import { Case, CaseState, exists, timeLimitView, withinReach, caseAsOf, participantsOf } from '../../../cases';
import { ComplaintState, complaintDecider } from '../../../complaints';
import { WorkingCalendar } from '../../../time-limits';
import { KpiCase, KpiComplaint, KpiGroup, KpiRating, kpiRows } from '../../domain/kpis';
import { RatingState, ratingDecider } from '../../../ratings';
import { requireIndicatorPeriod } from '../../domain/periods';

const within = (day: string | null, start: string, end: string) => day !== null && day >= start && day <= end;

/** `kpis`: the efficiency indicators of SPEC §6 for a period, grouped; lists narrow to the caller's reach. */
@Resolver()
export class KpisResolver {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * With `asOf`, the indicators as they stood at that instant: counted on that day, over the cases,
   * complaints and ratings as they were once the log had reached that position. Rows untouched since
   * are taken from the read models as they are; those touched since are folded back from their streams.
   */
  @Query('kpis')
  async kpis(
    @Args('center') center: string,
    @Args('period') period: string,
    @Args('groupBy') groupBy: KpiGroup,
    @Args('asOf') asOf: string | null,
    @CurrentActor() actor: Actor,
  ) {
    const bounds = requireIndicatorPeriod(period);
    const rule = authorizeOperation('Query.kpis', actor);
    if (rule === 'center' || rule === 'assigned') authorizeTarget('Query.kpis', actor, { center });
    const reach = reachOf(rule, actor);
    const { start, end } = bounds;
    const upTo = asOf ? await positionAt(this.db, asOf) : undefined;
    const today = localDateOf(asOf ?? this.clock.now());
    const inPeriod = (c: KpiCase) =>
      within(c.submittedOn, start, end) ||
      within(c.acceptedOn, start, end) ||
      within(c.completedOn, start, end) ||
      (c.completedOn === null && (c.timeState === 'WARNING' || c.timeState === 'OVERDUE'));
    let caseQuery = withinReach(this.db.selectFrom('case_list'), reach)
      .select(['case_id', 'last_position', 'state'])
      .where('center', '=', center);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const periodFilter = (eb: ExpressionBuilder<any, 'case_list'>) =>
      eb.or([
        eb.between('submitted_on', start, end),
        eb.between('accepted_on', start, end),
        eb.between('completed_on', start, end),
        eb.and([eb('completed_on', 'is', null), eb('time_state', 'in', ['WARNING', 'OVERDUE'])]),
      ]);
    caseQuery =
      upTo === undefined
        ? caseQuery.where(periodFilter)
        : caseQuery
            .where('submitted_position', '<=', Number(upTo))
            .where((eb) => eb.or([eb('last_position', '>', Number(upTo)), periodFilter(eb)]));
    const cases: KpiCase[] = [];
    for (const row of await caseQuery.execute()) {
      const c: CaseState =
        upTo !== undefined && BigInt(row.last_position) > upTo
          ? await caseAsOf(this.store, row.case_id, upTo)
          : (JSON.parse(row.state) as Case);
      if (!exists(c)) continue;
      const kpiCase = this.kpiCase(c, start, end, today);
      if (upTo === undefined || inPeriod(kpiCase)) cases.push(kpiCase);
    }
    const complaints: KpiComplaint[] = [];
    let complaintQuery = this.db
      .selectFrom('complaint_list')
      .select(['complaint_id', 'last_position', 'state'])
      .where('center', '=', center);
    if (upTo !== undefined) complaintQuery = complaintQuery.where('filed_position', '<=', Number(upTo));
    for (const row of await complaintQuery.execute()) {
      const state =
        upTo !== undefined && BigInt(row.last_position) > upTo
          ? await foldStream(this.store, `complaint-${row.complaint_id}`, complaintDecider.evolve, complaintDecider.initialState(), upTo)
          : (JSON.parse(row.state) as ComplaintState);
      if (state.status === 'NONE') continue;
      const staffId = state.finding?.staffId ?? state.about.staffId;
      if (inReach(reach, { center: state.center, window: state.about.window, handler: staffId }))
        complaints.push({
          center: state.center,
          window: state.about.window,
          staffId,
          filedOn: state.filedOn,
          valid: state.finding?.valid === true,
        });
    }
    const ratings: KpiRating[] = [];
    let ratingQuery = this.db
      .selectFrom('rating_list')
      .select(['rating_id', 'last_position', 'state'])
      .where('center', '=', center)
      .where('rated_on', '>=', start)
      .where('rated_on', '<=', end);
    if (upTo !== undefined) ratingQuery = ratingQuery.where('rated_position', '<=', Number(upTo));
    for (const row of await ratingQuery.execute()) {
      const state =
        upTo !== undefined && BigInt(row.last_position) > upTo
          ? await foldStream(this.store, `rating-${row.rating_id}`, ratingDecider.evolve, ratingDecider.initialState(), upTo)
          : (JSON.parse(row.state) as RatingState);
      if (state.status === 'NONE') continue;
      if (inReach(reach, { center: state.center, window: state.window, handler: state.staffId }))
        ratings.push({
          center: state.center,
          window: state.window,
          staffId: state.staffId,
          ratedOn: state.ratedOn,
          level: state.level,
          setAside: state.setAside,
        });
    }
    return kpiRows({ group: groupBy, start, end, today, cases, complaints, ratings });
  }

  private kpiCase(c: Case, start: string, end: string, today: string): KpiCase {
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
      reviews: participantsOf(c).flatMap((p) =>
        p.opinion
          ? [
              {
                department: p.department,
                window: p.window,
                reviewer: p.opinion.by,
                answeredOn: p.opinion.on,
                workingDaysUsed: p.opinion.workingDaysUsed,
                late: p.opinion.late,
              },
            ]
          : [],
      ),
    };
  }
}
