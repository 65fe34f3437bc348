import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class RequestExtensionInput extends CaseCommandInput {
  @IsInt() @Min(1) @Max(15) workingDays!: number;
  @IsString() @MaxLength(2000) reason!: string;
}

export class RequestExtensionCommand extends Command<CasePayload> {
  constructor(
    readonly input: RequestExtensionInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class RequestExtensionResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('requestExtension')
  requestExtension(@Args('input') input: RequestExtensionInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new RequestExtensionCommand(input, actor));
  }
}
