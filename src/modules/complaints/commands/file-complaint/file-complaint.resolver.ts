import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ComplaintChannel } from '../../domain/complaint.decider';
import type * as Schema from '../../../../generated/schema.types';

class ComplaintSubjectInput implements Schema.ComplaintSubjectInput {
  @IsOptional() @IsString() @Length(1, 64) staffId?: string | null;
  @IsOptional() @IsString() @Length(1, 64) window?: string | null;
  @IsOptional() @IsString() @Length(1, 64) caseId?: string | null;
}

class ComplainantInput implements Schema.ComplainantInput {
  @IsString() @MaxLength(100) name!: string;
  @IsOptional() @IsString() @MaxLength(30) phone?: string | null;
  @IsOptional() @IsString() @MaxLength(18) idNumber?: string | null;
}

class FileComplaintInput extends CommandInput implements Schema.FileComplaintInput {
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
  channel!: ComplaintChannel;
  @ValidateNested() @Type(() => ComplaintSubjectInput) about!: ComplaintSubjectInput;
  @ValidateNested() @Type(() => ComplainantInput) complainant!: ComplainantInput;
  @IsString() @MaxLength(5000) matter!: string;
  @IsOptional() @IsBoolean() major?: boolean | null;
}

export class FileComplaintCommand extends Command<unknown> {
  constructor(
    readonly input: FileComplaintInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class FileComplaintResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('fileComplaint')
  fileComplaint(@Args('input') input: FileComplaintInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new FileComplaintCommand(input, actor));
  }
}
