import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { forbidden } from '../../../../core/access-policy';
import { localDateOf } from '../../../../core/dates';
import { ApplicantProof } from '../../../cases/cases.module';
import { RatingLevel } from '../../domain/rating.decider';
import { ratingIdFor } from '../../rating-ids';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from '../../queries/rating/rating.view';
import { RateServiceCommand } from './rate-service.resolver';

@CommandHandler(RateServiceCommand)
export class RateServiceHandler implements ICommandHandler<RateServiceCommand> {
  constructor(
    private readonly ratings: RatingCommands,
    private readonly proof: ApplicantProof,
  ) {}

  async execute({ input, actor }: RateServiceCommand) {
    const c = await this.proof.caseOf(input.receiptNo, input.idNumberLast6);
    if (!c) {
      throw forbidden('Mutation.rateService', actor.role, 'receipt number and identity number do not match');
    }
    const ratingId = ratingIdFor(c.id, input.channel, input.stage);
    const { rating, duplicate } = await this.ratings.execute('Mutation.rateService', ratingId, input, actor, (occurredAt) => ({
      type: 'RateService',
      data: {
        ratingId,
        caseId: c.id,
        center: c.center,
        window: c.window,
        staffId: c.handler,
        channel: input.channel,
        stage: input.stage,
        caseReached: [...(c.acceptedAt ? ['ACCEPTANCE' as const] : []), ...(c.completedAt ? ['COMPLETION' as const] : [])],
        level: input.level as RatingLevel,
        answers: Object.fromEntries(input.answers.map((a) => [a.question, a.level])),
        comment: input.comment ?? null,
        named: input.named ?? false,
        ratedOn: localDateOf(occurredAt),
        occurredAt,
      },
    }));
    return { rating: ratingView(rating), duplicate };
  }
}
