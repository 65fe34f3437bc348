import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class ArchiveCaseInput extends CaseCommandInput {}

export class ArchiveCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: ArchiveCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class ArchiveCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('archiveCase')
  archiveCase(@Args('input') input: ArchiveCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new ArchiveCaseCommand(input, actor));
  }
}
