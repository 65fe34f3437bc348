import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class RequestSupplementInput extends CaseCommandInput {
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true }) missingMaterials!: string[];
}

export class RequestSupplementCommand extends Command<CasePayload> {
  constructor(
    readonly input: RequestSupplementInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class RequestSupplementResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('requestSupplement')
  requestSupplement(@Args('input') input: RequestSupplementInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new RequestSupplementCommand(input, actor));
  }
}
