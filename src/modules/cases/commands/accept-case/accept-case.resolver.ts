import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';
import type * as Schema from '../../../../generated/schema.types';

class AcceptCaseInput extends CaseCommandInput implements Schema.AcceptCaseInput {
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true }) toleranceMaterials!: string[];
  /** Sizes only here; the decider checks each participant (participantIssues). */
  @IsOptional() @IsArray() @ArrayMaxSize(20) participants?: Schema.ParticipantInput[] | null;
  @IsOptional() @IsString() @MaxLength(2000) participantsReason?: string | null;
}

export class AcceptCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: AcceptCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class AcceptCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('acceptCase')
  acceptCase(@Args('input') input: AcceptCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new AcceptCaseCommand(input, actor));
  }
}
