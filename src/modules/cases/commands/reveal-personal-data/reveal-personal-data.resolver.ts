import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import type * as Schema from '../../../../generated/schema.types';

class RevealPersonalDataInput extends CaseCommandInput implements Schema.RevealPersonalDataInput {
  @IsString() @MaxLength(500) reason!: string;
}

export interface PersonalDataPayload {
  caseId: string;
  name: string;
  idNumber: string;
  phone: string | null;
  readId: string;
  duplicate: boolean;
}

export class RevealPersonalDataCommand extends Command<PersonalDataPayload> {
  constructor(
    readonly input: RevealPersonalDataInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class RevealPersonalDataResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('revealPersonalData')
  revealPersonalData(@Args('input') input: RevealPersonalDataInput, @CurrentActor() actor: Actor): Promise<PersonalDataPayload> {
    return this.commandBus.execute(new RevealPersonalDataCommand(input, actor));
  }
}
