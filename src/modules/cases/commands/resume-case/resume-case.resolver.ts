import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class ResumeCaseInput extends CaseCommandInput {}

export class ResumeCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: ResumeCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class ResumeCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('resumeCase')
  resumeCase(@Args('input') input: ResumeCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new ResumeCaseCommand(input, actor));
  }
}
