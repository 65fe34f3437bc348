import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';

class EscalateComplaintInput extends CommandInput {
  @IsString() @Length(1, 64) complaintId!: string;
  @IsString() @MaxLength(2000) reason!: string;
}

export class EscalateComplaintCommand extends Command<unknown> {
  constructor(
    readonly input: EscalateComplaintInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class EscalateComplaintResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('escalateComplaint')
  escalateComplaint(@Args('input') input: EscalateComplaintInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new EscalateComplaintCommand(input, actor));
  }
}
