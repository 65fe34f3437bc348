import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class DenyExtensionInput extends CaseCommandInput {
  @IsString() @MaxLength(2000) reason!: string;
}

export class DenyExtensionCommand extends Command<CasePayload> {
  constructor(
    readonly input: DenyExtensionInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class DenyExtensionResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('denyExtension')
  denyExtension(@Args('input') input: DenyExtensionInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new DenyExtensionCommand(input, actor));
  }
}
