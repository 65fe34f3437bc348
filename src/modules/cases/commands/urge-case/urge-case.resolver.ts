import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';

class UrgeCaseInput extends CaseCommandInput {
  @IsString() @MaxLength(2000) note!: string;
  @IsInt() @Min(0) @Max(60) periodWorkingDays!: number;
}

export class UrgeCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: UrgeCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class UrgeCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('urgeCase')
  urgeCase(@Args('input') input: UrgeCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new UrgeCaseCommand(input, actor));
  }
}
