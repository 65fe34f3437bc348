import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class WithdrawCaseInput extends CaseCommandInput {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

export class WithdrawCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: WithdrawCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class WithdrawCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('withdrawCase')
  withdrawCase(@Args('input') input: WithdrawCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new WithdrawCaseCommand(input, actor));
  }
}
