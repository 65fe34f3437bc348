import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { SuspensionReason } from '../../../time-limits';
import { CasePayload } from '../../case-commands.service';

class SuspendCaseInput extends CaseCommandInput {
  @IsIn(['HIGHER_AUTHORITY', 'STATUTORY_PROCEDURE', 'APPLICANT_REQUEST']) reason!: SuspensionReason;
  @IsOptional() @IsString() @MaxLength(500) detail?: string | null;
}

export class SuspendCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: SuspendCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class SuspendCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('suspendCase')
  suspendCase(@Args('input') input: SuspendCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new SuspendCaseCommand(input, actor));
  }
}
