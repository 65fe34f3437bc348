import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { timingSafeEqual } from 'node:crypto';
import { forbidden } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { localDateOf } from '../../../../core/dates';
import { DomainError } from '../../../../core/errors';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CaseCommands } from '../../../cases/case-commands.service';
import { ProgressAttempts } from '../../../cases/queries/case-progress/progress-attempts';
import { ReceiptNumbers } from '../../../cases/receipt-numbers.service';
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
    private readonly cases: CaseCommands,
    private readonly receipts: ReceiptNumbers,
    private readonly attempts: ProgressAttempts,
  ) {}

  @Mutation('rateService')
  async rateService(@Args('input') input: RateServiceInput, @CurrentActor() actor: Actor) {
    this.attempts.assertAllowed(input.receiptNo);
    const caseId = await this.receipts.caseIdOf(input.receiptNo);
    const c = caseId ? await this.cases.load(caseId) : null;
    const proof = Buffer.from(input.idNumberLast6.toUpperCase());
    const expected = Buffer.from((c?.applicant.idNumber ?? '').slice(-6).toUpperCase());
    if (!c || proof.length !== expected.length || !timingSafeEqual(proof, expected)) {
      this.attempts.recordFailure(input.receiptNo);
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
