import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class TerminateCaseInput extends CaseCommandInput {
  @IsString() @MaxLength(2000) reason!: string;
}

export class TerminateCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: TerminateCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class TerminateCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('terminateCase')
  terminateCase(@Args('input') input: TerminateCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new TerminateCaseCommand(input, actor));
  }
}
