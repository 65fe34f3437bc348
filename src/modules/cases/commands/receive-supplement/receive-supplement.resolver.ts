import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class ReceiveSupplementInput extends CaseCommandInput {
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true }) materials!: string[];
}

export class ReceiveSupplementCommand extends Command<CasePayload> {
  constructor(
    readonly input: ReceiveSupplementInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class ReceiveSupplementResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('receiveSupplement')
  receiveSupplement(@Args('input') input: ReceiveSupplementInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new ReceiveSupplementCommand(input, actor));
  }
}
