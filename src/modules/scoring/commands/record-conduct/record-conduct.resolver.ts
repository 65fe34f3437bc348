import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import type * as Schema from '../../../../generated/schema.types';

class RecordConductInput extends CommandInput implements Schema.RecordConductInput {
  @IsString() @Length(1, 64) staffId!: string;
  @IsString() @Length(1, 64) window!: string;
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
  @IsString() @Matches(/^[A-Z]\d{2}$/, { message: 'code must be a rule code such as D01' }) code!: string;
  @IsOptional() @IsBoolean() severe?: boolean | null;
  @IsOptional() @IsString() occurredOn?: string | null;
  @IsString() @MaxLength(2000) evidence!: string;
  @IsOptional() @IsString() @Length(1, 64) caseId?: string | null;
}

export interface ConductPayload {
  lineId: string;
  duplicate: boolean;
}

export class RecordConductCommand extends Command<ConductPayload> {
  constructor(
    readonly input: RecordConductInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class RecordConductResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('recordConduct')
  recordConduct(@Args('input') input: RecordConductInput, @CurrentActor() actor: Actor): Promise<ConductPayload> {
    return this.commandBus.execute(new RecordConductCommand(input, actor));
  }
}
