import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { localDateOf } from '../../../../core/dates';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { Case } from '../../../cases';
import { Complaint } from '../../../complaints';
import { AppealRecord } from '../../domain/score-sheet';
import { accountabilityFlags } from '../../domain/accountability';
import { requirePeriod } from '../../domain/periods';

/** `accountabilityFlags`: what SPEC §8 asks the system to flag, for the oversight office to decide. */
@Resolver()
export class AccountabilityResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('accountabilityFlags')
  async flags(@Args('center') center: string, @Args('period') period: string, @CurrentActor() actor: Actor) {
    const bounds = requirePeriod(period);
    authorizeTarget('Query.accountabilityFlags', actor, { center });
    const { start, end } = bounds;
    const cases = (
      await this.db
        .selectFrom('case_list')
        .select('state')
        .where('center', '=', center)
        .where('completed_on', '>=', start)
        .where('completed_on', '<=', end)
        .execute()
    )
      .map((r) => JSON.parse(r.state) as Case)
      .filter((c) => c.onTime === false && c.handler);
    const appeals = cases.length
      ? (
          await this.db
            .selectFrom('score_appeals')
            .select('appeal')
            .where(
              'line_id',
              'in',
              cases.map((c) => `late-completion:${c.id}`),
            )
            .execute()
        ).map((r) => JSON.parse(r.appeal) as AppealRecord)
      : [];
    const excused = new Set(appeals.filter((a) => a.status === 'UPHELD').map((a) => a.lineId));
    const complaints = (await this.db.selectFrom('complaint_list').select('state').where('center', '=', center).execute())
      .map((r) => JSON.parse(r.state) as Complaint)
      .filter(
        (k) =>
          k.finding?.valid && (k.finding.cause === 'ATTITUDE' || k.finding.cause === 'CONDUCT') && (k.finding.staffId ?? k.about.staffId),
      );
    return accountabilityFlags({
      start,
      end,
      lateCompletions: cases.map((c) => ({
        caseId: c.id,
        staffId: c.handler!,
        window: c.window,
        completedOn: localDateOf(c.completedAt!),
        withinFirstUrgingPeriod: c.withinFirstUrgingPeriod,
        excused: excused.has(`late-completion:${c.id}`),
      })),
      conductComplaints: complaints.map((k) => ({
        complaintId: k.complaintId,
        staffId: (k.finding!.staffId ?? k.about.staffId)!,
        window: k.about.window,
        filedOn: k.filedOn,
      })),
    });
  }
}
