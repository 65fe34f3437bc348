import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../core/access-policy';
import { Actor } from '../../core/actor';
import { EventStore, foldStream } from '../../core/event-store';
import { CurrentActor } from '../../infrastructure/graphql/current-actor.decorator';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { RatingChannel, RatingStage, ratingDecider, ratingStream, ratingIdFor } from '../ratings';
import { CaseCommands } from '../cases/cases.module';
import { caseTarget } from '../cases';
import { RatingFacts, exchangeRecords } from './gbt-39046';

const RATING_SLOTS: Array<[RatingChannel, RatingStage]> = [
  ['ONSITE', 'ACCEPTANCE'],
  ['ONSITE', 'COMPLETION'],
  ['ONLINE', 'ACCEPTANCE'],
  ['ONLINE', 'COMPLETION'],
];

/** GB/T 39046 records of one case, made from its stream and its ratings, for whoever may read the case. */
@Resolver()
export class ExchangeRecordsResolver {
  constructor(
    private readonly cases: CaseCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Query('exchangeRecords')
  async exchangeRecords(@Args('caseId') caseId: string, @CurrentActor() actor: Actor) {
    const found = await this.cases.loadWithHistory(caseId);
    if (!found) return null;
    authorizeTarget('Query.exchangeRecords', actor, caseTarget(found.case));
    const ratings: RatingFacts[] = [];
    // A case has at most one rating per channel and stage, each in a stream named by them.
    for (const [channel, stage] of RATING_SLOTS) {
      const state = await foldStream(
        this.store,
        ratingStream(ratingIdFor(caseId, channel, stage)),
        ratingDecider.evolve,
        ratingDecider.initialState(),
      );
      if (state.status === 'RATED') ratings.push({ level: state.level, channel, stage, ratedAt: state.ratedAt, setAside: state.setAside });
    }
    return exchangeRecords(caseId, found.events, ratings);
  }
}
