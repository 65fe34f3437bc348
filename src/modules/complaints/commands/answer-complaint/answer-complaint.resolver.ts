import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { AnswerForm } from '../../domain/complaint.decider';

class AnswerComplaintInput extends CommandInput {
  @IsString() @Length(1, 64) complaintId!: string;
  form!: AnswerForm;
  @IsString() @MaxLength(5000) text!: string;
}

export class AnswerComplaintCommand extends Command<unknown> {
  constructor(
    readonly input: AnswerComplaintInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class AnswerComplaintResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('answerComplaint')
  answerComplaint(@Args('input') input: AnswerComplaintInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AnswerComplaintCommand(input, actor));
  }
}
