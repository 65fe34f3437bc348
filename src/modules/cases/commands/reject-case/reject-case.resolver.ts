import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class RejectCaseInput extends CaseCommandInput {
  @IsString() @MaxLength(2000) reason!: string;
}

export class RejectCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: RejectCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class RejectCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('rejectCase')
  rejectCase(@Args('input') input: RejectCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new RejectCaseCommand(input, actor));
  }
}
