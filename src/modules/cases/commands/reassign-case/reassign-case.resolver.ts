import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';
import type * as Schema from '../../../../generated/schema.types';

class ReassignCaseInput extends CaseCommandInput implements Schema.ReassignCaseInput {
  @IsString() @MaxLength(100) toStaffId!: string;
  @IsOptional() @IsBoolean() asCover?: boolean | null;
  @IsString() @MaxLength(2000) reason!: string;
}

export class ReassignCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: ReassignCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class ReassignCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('reassignCase')
  reassignCase(@Args('input') input: ReassignCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new ReassignCaseCommand(input, actor));
  }
}
