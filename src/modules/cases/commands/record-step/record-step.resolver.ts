import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';
import { StepAction } from '../../domain/case.events';

class RecordStepInput extends CaseCommandInput {
  @IsString() @MaxLength(100) step!: string;
  @IsIn(['PASS', 'RETURN', 'OTHER']) action!: StepAction;
  @IsString() @MaxLength(2000) opinion!: string;
}

export class RecordStepCommand extends Command<CasePayload> {
  constructor(
    readonly input: RecordStepInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class RecordStepResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('recordStep')
  recordStep(@Args('input') input: RecordStepInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new RecordStepCommand(input, actor));
  }
}
