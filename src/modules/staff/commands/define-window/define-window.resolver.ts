import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import type * as Schema from '../../../../generated/schema.types';

class AbPairInput implements Schema.AbPairInput {
  @IsString() @Length(1, 64) aPost!: string;
  @IsString() @Length(1, 64) bPost!: string;
}

class DefineWindowInput extends CommandInput implements Schema.DefineWindowInput {
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
  @IsString() @Length(1, 64) window!: string;
  @IsString() @MaxLength(100) name!: string;
  @IsString() @MaxLength(100) department!: string;
  @IsOptional() @IsString() @Length(1, 64) chiefRepresentative?: string | null;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AbPairInput) abPairs!: AbPairInput[];
}

export class DefineWindowCommand extends Command<unknown> {
  constructor(
    readonly input: DefineWindowInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** An admin defines a window: its department, its chief representative (首席代表) and its AB pairs. */
@Resolver()
export class DefineWindowResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('defineWindow')
  defineWindow(@Args('input') input: DefineWindowInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new DefineWindowCommand(input, actor));
  }
}
