import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { RatingChannel, RatingStage } from '../../domain/rating.decider';
import type * as Schema from '../../../../generated/schema.types';

class RatingAnswerInput implements Schema.RatingAnswerInput {
  @IsString() @Length(1, 40) question!: string;
  @IsInt() level!: number;
}

class RateServiceInput extends CommandInput implements Schema.RateServiceInput {
  @IsString() @Length(1, 64) receiptNo!: string;
  @IsString() @Length(6, 6) idNumberLast6!: string;
  channel!: RatingChannel;
  stage!: RatingStage;
  @IsInt() level!: number;
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => RatingAnswerInput) answers!: RatingAnswerInput[];
  @IsOptional() @IsString() @MaxLength(2000) comment?: string | null;
  @IsOptional() @IsBoolean() named?: boolean | null;
}

export class RateServiceCommand extends Command<unknown> {
  constructor(
    readonly input: RateServiceInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * 好差评: the applicant rates their own case, proved like the progress query by the receipt number and
 * the last six characters of the identity number; wrong guesses count towards the same lockout.
 */
@Resolver()
export class RateServiceResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('rateService')
  rateService(@Args('input') input: RateServiceInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RateServiceCommand(input, actor));
  }
}
