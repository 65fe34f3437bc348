import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CALENDAR, CLOCK, CONFIG, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import type { AppConfig } from '../../../../config';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { positionAt } from '../../../../infrastructure/read-models/log-timeline';
import { ClockPolicy, WorkingCalendar } from '../../../time-limits';
import { Operation, authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CaseCommands } from '../../case-commands.service';
import { caseTarget } from '../../case-target';
import { maskEventData, maskIdNumber, maskPhone } from '../../domain/personal-data';
import { Case } from '../../domain/case.state';
import { CASE_EVENT_LABELS } from '../../domain/case.events';
import { sentenceOf } from '../../domain/case-sentences';
import { ReceiptNumbers } from '../../receipt-numbers.service';
import { timeLimitView } from './time-limit.view';
import { participantReviewsView } from './participant-review.view';
import { centerTimeView } from './center-time.view';

/** A case as shown, possibly as it stood at an earlier moment. */
export type CaseView = Case & { asOf?: string; asOfPosition?: string };

/** A single case, always read from its own stream, so it is current the moment a mutation returns. */
@Resolver('Case')
export class CaseResolver {
  constructor(
    private readonly cases: CaseCommands,
    private readonly receipts: ReceiptNumbers,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  private get policy(): ClockPolicy {
    return this.config.clockPolicy;
  }

  /**
   * With `asOf`, the case as a supervisor saw it then: its stream up to the position the log had reached
   * at that instant, its time limit counted on that day, its history up to there. Who may look is decided
   * on the case as it stands now.
   */
  @Query('case')
  async case(@Args('id') id: string, @Args('asOf') asOf: string | null, @CurrentActor() actor: Actor): Promise<CaseView | null> {
    const current = this.checked('Query.case', await this.cases.load(id), actor);
    if (!current || !asOf) return current;
    const upTo = await positionAt(this.db, asOf);
    const then = await this.cases.load(id, upTo);
    return then && { ...then, asOf, asOfPosition: upTo.toString() };
  }

  @Query('caseByReceiptNo')
  async caseByReceiptNo(@Args('receiptNo') receiptNo: string, @CurrentActor() actor: Actor) {
    const id = await this.receipts.caseIdOf(receiptNo);
    return this.checked('Query.caseByReceiptNo', id ? await this.cases.load(id) : null, actor);
  }

  /** A case out of the actor's reach is refused (AUTH.FORBIDDEN), not hidden: they may ask its handlers. */
  private checked(operation: Operation, found: Case | null, actor: Actor): Case | null {
    if (found) authorizeTarget(operation, actor, caseTarget(found));
    return found;
  }

  @ResolveField('applicant')
  applicant(@Parent() c: Case) {
    return { ...c.applicant, idNumber: maskIdNumber(c.applicant.idNumber), phone: c.applicant.phone ? maskPhone(c.applicant.phone) : null };
  }

  @ResolveField('itemName')
  itemName(@Parent() c: Case) {
    return c.item?.name ?? null;
  }

  @ResolveField('timeLimit')
  timeLimit(@Parent() c: CaseView) {
    return timeLimitView(c, localDateOf(c.asOf ?? this.clock.now()), this.calendar);
  }

  @ResolveField('participants')
  participants(@Parent() c: CaseView) {
    return participantReviewsView(c, localDateOf(c.asOf ?? this.clock.now()), this.calendar);
  }

  @ResolveField('escalations')
  escalations(@Parent() c: CaseView) {
    return c.escalations ?? [];
  }

  @ResolveField('centerTime')
  centerTime(@Parent() c: CaseView) {
    return centerTimeView(c, localDateOf(c.asOf ?? this.clock.now()), this.calendar, this.policy);
  }

  @ResolveField('asOf')
  asOf(@Parent() c: CaseView) {
    return c.asOf ?? null;
  }

  @ResolveField('history')
  async history(@Parent() c: CaseView) {
    const events = await this.cases.history(c.id, c.asOfPosition === undefined ? undefined : BigInt(c.asOfPosition));
    return events.map((e) => {
      const data = maskEventData(e.type, e.data);
      return {
        position: e.position.toString(),
        revision: Number(e.revision),
        type: e.type,
        label: (CASE_EVENT_LABELS as Record<string, string | undefined>)[e.type] ?? null,
        summary: sentenceOf(e.type, data),
        occurredAt: e.metadata.occurredAt,
        recordedAt: e.metadata.recordedAt,
        backfilled: Boolean(e.metadata.backfill),
        backfillReason: e.metadata.backfill?.reason ?? null,
        actor: e.metadata.actor,
        commandId: e.metadata.commandId,
        data,
      };
    });
  }
}
