import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../core/actor';
import { Clock } from '../../../core/clock';
import { localDateOf } from '../../../core/dates';
import type * as Schema from '../../../generated/schema.types';
import { CommandInput } from '../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { CLOCK } from '../../../infrastructure/tokens';
import { ComplaintCommands } from '../complaint-commands.service';
import { AnswerForm, ComplaintCause, ComplaintCommand } from '../domain/complaint.decider';
import { complaintView } from '../queries/complaint/complaint.view';

class AnswerComplaintInput extends CommandInput implements Schema.AnswerComplaintInput {
  @IsString() @Length(1, 64) complaintId!: string;
  form!: AnswerForm;
  @IsString() @MaxLength(5000) text!: string;
}

class RecordComplaintFindingInput extends CommandInput implements Schema.RecordComplaintFindingInput {
  @IsString() @Length(1, 64) complaintId!: string;
  @IsBoolean() valid!: boolean;
  cause!: ComplaintCause;
  @IsString() @MaxLength(5000) findings!: string;
  @IsOptional() @IsString() @Length(1, 64) staffId?: string | null;
  @IsOptional() @IsString() @Length(1, 64) window?: string | null;
}

class EscalateComplaintInput extends CommandInput implements Schema.EscalateComplaintInput {
  @IsString() @Length(1, 64) complaintId!: string;
  @IsString() @MaxLength(2000) reason!: string;
}

/**
 * Handling a filed complaint (效能投诉): the answer, the investigation's finding (a valid one about an
 * empty post costs the post's staff, A02) and escalation. Each mutation builds its command and runs it
 * through the complaint decider; the answer shows the complaint as the caller may see it.
 */
@Resolver()
export class ComplaintHandlingResolver {
  constructor(
    private readonly complaints: ComplaintCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation('answerComplaint')
  answerComplaint(@Args('input') input: AnswerComplaintInput, @CurrentActor() actor: Actor) {
    return this.run('Mutation.answerComplaint', input, actor, (occurredAt) => ({
      type: 'AnswerComplaint',
      data: { form: input.form, text: input.text, answeredOn: localDateOf(occurredAt), occurredAt },
    }));
  }

  @Mutation('recordComplaintFinding')
  recordComplaintFinding(@Args('input') input: RecordComplaintFindingInput, @CurrentActor() actor: Actor) {
    return this.run('Mutation.recordComplaintFinding', input, actor, (occurredAt) => ({
      type: 'RecordComplaintFinding',
      data: {
        valid: input.valid,
        cause: input.cause,
        findings: input.findings,
        staffId: input.staffId ?? null,
        window: input.window ?? null,
        occurredAt,
      },
    }));
  }

  @Mutation('escalateComplaint')
  escalateComplaint(@Args('input') input: EscalateComplaintInput, @CurrentActor() actor: Actor) {
    return this.run('Mutation.escalateComplaint', input, actor, (occurredAt) => ({
      type: 'EscalateComplaint',
      data: { reason: input.reason, escalatedOn: localDateOf(occurredAt), occurredAt },
    }));
  }

  private async run(
    operation: Parameters<ComplaintCommands['execute']>[0],
    input: { complaintId: string; commandId: string },
    actor: Actor,
    build: (occurredAt: string) => ComplaintCommand,
  ) {
    const { complaint, duplicate } = await this.complaints.execute(operation, input.complaintId, input.commandId, actor, build);
    return { complaint: complaintView(complaint, actor, localDateOf(this.clock.now())), duplicate };
  }
}
