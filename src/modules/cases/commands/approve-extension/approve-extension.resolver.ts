import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class ApproveExtensionInput extends CaseCommandInput {
  @IsString() @MaxLength(2000) reason!: string;
}

export class ApproveExtensionCommand extends Command<CasePayload> {
  constructor(
    readonly input: ApproveExtensionInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class ApproveExtensionResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('approveExtension')
  approveExtension(@Args('input') input: ApproveExtensionInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new ApproveExtensionCommand(input, actor));
  }
}
