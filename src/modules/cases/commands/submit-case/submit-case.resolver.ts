import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CasePayload } from '../../case-commands.service';
import { ApplicantKind } from '../../domain/applicant';
import { Channel } from '../../domain/case.state';
import type * as Schema from '../../../../generated/schema.types';

class ApplicantInput implements Schema.ApplicantInput {
  kind!: ApplicantKind;
  @IsString() @MaxLength(100) name!: string;
  @IsString() @MaxLength(18) idNumber!: string;
  @IsOptional() @IsString() @MaxLength(20) phone?: string | null;
}

class SubmitCaseInput extends CommandInput implements Schema.SubmitCaseInput {
  @IsString() @Length(1, 64) itemCode!: string;
  @ValidateNested() @Type(() => ApplicantInput) applicant!: ApplicantInput;
  channel!: Channel;
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true }) materials!: string[];
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
}

export class SubmitCaseCommand extends Command<CasePayload> {
  constructor(
    readonly input: SubmitCaseInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class SubmitCaseResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('submitCase')
  submitCase(@Args('input') input: SubmitCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.commandBus.execute(new SubmitCaseCommand(input, actor));
  }
}
