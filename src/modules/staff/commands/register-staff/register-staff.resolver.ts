import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import type * as Schema from '../../../../generated/schema.types';

class RegisterStaffInput extends CommandInput implements Schema.RegisterStaffInput {
  @IsString() @Length(1, 64) staffId!: string;
  @IsString() @MaxLength(100) name!: string;
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
  @IsString() @Length(1, 64) window!: string;
  @IsOptional() @IsBoolean() active?: boolean | null;
}

export class RegisterStaffCommand extends Command<unknown> {
  constructor(
    readonly input: RegisterStaffInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** An admin registers a staff member at a window, moves them, or marks them as gone (`active: false`). */
@Resolver()
export class RegisterStaffResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('registerStaff')
  registerStaff(@Args('input') input: RegisterStaffInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new RegisterStaffCommand(input, actor));
  }
}
