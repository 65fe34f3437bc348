import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CaseCommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';
import { Outcome } from '../../domain/case.events';

class CompleteCaseInput extends CaseCommandInput {
  @IsIn(['APPROVED', 'DENIED']) outcome!: Outcome;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

export class CompleteCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: CompleteCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class CompleteCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('completeCase')
  completeCase(@Args('input') input: CompleteCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new CompleteCaseCommand(input, actor));
  }
}
