import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ComplaintCause } from '../../domain/complaint.decider';

class RecordComplaintFindingInput extends CommandInput {
  @IsString() @Length(1, 64) complaintId!: string;
  @IsBoolean() valid!: boolean;
  cause!: ComplaintCause;
  @IsString() @MaxLength(5000) findings!: string;
  @IsOptional() @IsString() @Length(1, 64) staffId?: string | null;
  @IsOptional() @IsString() @Length(1, 64) window?: string | null;
}

export class RecordComplaintFindingCommand extends Command<unknown> {
  constructor(
    readonly input: RecordComplaintFindingInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class RecordComplaintFindingResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('recordComplaintFinding')
  recordComplaintFinding(@Args('input') input: RecordComplaintFindingInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordComplaintFindingCommand(input, actor));
  }
}
