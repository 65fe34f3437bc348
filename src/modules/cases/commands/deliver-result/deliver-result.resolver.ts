import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';
import { DeliveryMethod } from '../../domain/case.events';

class DeliverResultInput extends CaseCommandInput {
  @IsIn(['PICKUP', 'MAIL', 'ELECTRONIC']) method!: DeliveryMethod;
  @IsString() @MaxLength(200) recipient!: string;
}

export class DeliverResultCommand extends Command<CasePayload> {
  constructor(
    readonly input: DeliverResultInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class DeliverResultResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('deliverResult')
  deliverResult(@Args('input') input: DeliverResultInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new DeliverResultCommand(input, actor));
  }
}
