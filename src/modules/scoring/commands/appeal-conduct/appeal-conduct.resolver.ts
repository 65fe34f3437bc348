import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import type * as Schema from '../../../../generated/schema.types';

class AppealConductInput extends CommandInput implements Schema.AppealConductInput {
  @IsString() @Length(1, 200) lineId!: string;
  @IsString() @MaxLength(2000) grounds!: string;
}

export interface AppealPayload {
  lineId: string;
  status: 'PENDING' | 'UPHELD' | 'REJECTED';
  duplicate: boolean;
}

export class AppealConductCommand extends Command<AppealPayload> {
  constructor(
    readonly input: AppealConductInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class AppealConductResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('appealConduct')
  appealConduct(@Args('input') input: AppealConductInput, @CurrentActor() actor: Actor): Promise<AppealPayload> {
    return this.commandBus.execute(new AppealConductCommand(input, actor));
  }
}
