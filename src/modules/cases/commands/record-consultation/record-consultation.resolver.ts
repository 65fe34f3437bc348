import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ConsultationView } from '../../queries/consultation/consultation.view';
import type * as Schema from '../../../../generated/schema.types';

class RecordConsultationInput extends CommandInput implements Schema.RecordConsultationInput {
  @IsString() @MaxLength(100) visitorName!: string;
  @IsOptional() @IsString() @MaxLength(30) visitorPhone?: string | null;
  @IsString() @MaxLength(500) topic!: string;
  @IsOptional() @IsString() @MaxLength(64) itemCode?: string | null;
  @IsOptional() @IsString() @MaxLength(200) routedTo?: string | null;
  @IsOptional() @IsString() @MaxLength(64) routedToWindow?: string | null;
  @IsOptional() @IsString() @MaxLength(2000) notes?: string | null;
}

export class RecordConsultationCommand extends Command<{ consultation: ConsultationView; duplicate: boolean }> {
  constructor(
    readonly input: RecordConsultationInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class RecordConsultationResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('recordConsultation')
  recordConsultation(@Args('input') input: RecordConsultationInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RecordConsultationCommand(input, actor));
  }
}
