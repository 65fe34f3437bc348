import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { forbidden } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { localDateOf } from '../../../../core/dates';
import { DomainError } from '../../../../core/errors';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ApplicantProof } from '../../../cases/queries/case-progress/applicant-proof';
import { RatingChannel, RatingLevel, RatingStage } from '../../domain/rating.decider';
import { ratingIdFor } from '../../rating-ids';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from '../../queries/rating/rating.view';

class RatingAnswerInput {
  @IsString() @Length(1, 40) question!: string;
  @IsInt() level!: number;
}

class RateServiceInput extends CommandInput {
  @IsString() @Length(1, 64) receiptNo!: string;
  @IsString() @Length(6, 6) idNumberLast6!: string;
  @IsIn(['ONSITE', 'ONLINE']) channel!: RatingChannel;
  @IsIn(['ACCEPTANCE', 'COMPLETION']) stage!: RatingStage;
  @IsInt() level!: number;
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => RatingAnswerInput) answers!: RatingAnswerInput[];
  @IsOptional() @IsString() @MaxLength(2000) comment?: string | null;
  @IsOptional() @IsBoolean() named?: boolean | null;
}

/**
 * 好差评: the applicant rates their own case, proved like the progress query by the receipt number and
 * the last six characters of the identity number; wrong guesses count towards the same lockout.
 */
@Resolver()
export class RateServiceResolver {
  constructor(
    private readonly ratings: RatingCommands,
    private readonly proof: ApplicantProof,
  ) {}

  @Mutation('rateService')
  async rateService(@Args('input') input: RateServiceInput, @CurrentActor() actor: Actor) {
    const c = await this.proof.caseOf(input.receiptNo, input.idNumberLast6);
    if (!c) {
      throw forbidden('Mutation.rateService', actor.role, 'receipt number and identity number do not match');
    }
    if (input.stage === 'ACCEPTANCE' ? !c.acceptedAt : !c.completedAt) {
      throw new DomainError('RATING.TOO_EARLY', `The case has not reached ${input.stage.toLowerCase()} yet`);
    }
    const ratingId = ratingIdFor(c.id, input.channel, input.stage);
    const { rating, duplicate } = await this.ratings.execute('Mutation.rateService', ratingId, input.commandId, actor, (occurredAt) => ({
      type: 'RateService',
      data: {
        ratingId,
        caseId: c.id,
        center: c.center,
        window: c.window,
        staffId: c.handler,
        channel: input.channel,
        stage: input.stage,
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
