import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../core/actor';
import { Clock } from '../../../core/clock';
import { isLocalDate, localDateOf } from '../../../core/dates';
import { ValidationError } from '../../../core/errors';
import type * as Schema from '../../../generated/schema.types';
import { CommandInput } from '../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../infrastructure/read-models/database';
import { CLOCK, EVENT_STORE, READ_MODEL_DB } from '../../../infrastructure/tokens';
import { EventStore } from '../../../core/event-store';
import { postHoldersOn } from '../../staff';
import { ComplaintCommands } from '../complaint-commands.service';
import { AnswerForm, ComplaintCause, ComplaintCommand, EmptyPost } from '../domain/complaint.decider';
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
  @IsOptional() @IsString() emptyPostOn?: string | null;
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
  ) {}

  @Mutation('answerComplaint')
  answerComplaint(@Args('input') input: AnswerComplaintInput, @CurrentActor() actor: Actor) {
    return this.run('Mutation.answerComplaint', input, actor, (occurredAt) => ({
      type: 'AnswerComplaint',
      data: { form: input.form, text: input.text, answeredOn: localDateOf(occurredAt), by: actor.id, occurredAt },
    }));
  }

  @Mutation('recordComplaintFinding')
  async recordComplaintFinding(@Args('input') input: RecordComplaintFindingInput, @CurrentActor() actor: Actor) {
    const emptyPost = input.valid && input.cause === 'EMPTY_POST' ? await this.emptyPost(input) : null;
    return this.run('Mutation.recordComplaintFinding', input, actor, (occurredAt) => ({
      type: 'RecordComplaintFinding',
      data: {
        valid: input.valid,
        cause: input.cause,
        findings: input.findings,
        staffId: input.staffId ?? null,
        window: input.window ?? null,
        emptyPost,
        by: actor.id,
        occurredAt,
      },
    }));
  }

  /**
   * A02 per person: the empty post's holder and its AB cover posts on the day (the day the complaint
   * was filed, unless the investigation names another), each answerable unless on approved leave all day.
   * Null where the complaint names no post: the decider then refuses the finding.
   */
  private async emptyPost(input: RecordComplaintFindingInput): Promise<EmptyPost | null> {
    const complaint = await this.complaints.load(input.complaintId);
    const staffId = input.staffId ?? complaint?.about.staffId;
    const window = input.window ?? complaint?.about.window;
    if (!complaint || !staffId || !window) return null;
    const day = input.emptyPostOn ?? complaint.filedOn;
    if (!isLocalDate(day)) throw new ValidationError([{ field: 'emptyPostOn', message: 'must be a date YYYY-MM-DD' }]);
    if (day > complaint.filedOn)
      throw new ValidationError([{ field: 'emptyPostOn', message: 'must be on or before the day the complaint was filed' }]);
    const { onDuty, offDuty } = await postHoldersOn(this.store, this.db, { center: complaint.center, window, staffId, day });
    return { day, charged: onDuty, offDuty };
  }

  @Mutation('escalateComplaint')
  escalateComplaint(@Args('input') input: EscalateComplaintInput, @CurrentActor() actor: Actor) {
    return this.run('Mutation.escalateComplaint', input, actor, (occurredAt) => ({
      type: 'EscalateComplaint',
      data: { reason: input.reason, escalatedOn: localDateOf(occurredAt), by: actor.id, occurredAt },
    }));
  }

  private async run(
    operation: Parameters<ComplaintCommands['execute']>[0],
    input: { complaintId: string; commandId: string },
    actor: Actor,
    build: (occurredAt: string) => ComplaintCommand,
  ) {
    const { complaint, duplicate } = await this.complaints.execute(operation, input.complaintId, input, actor, build);
    return { complaint: complaintView(complaint, actor, localDateOf(this.clock.now())), duplicate };
  }
}
