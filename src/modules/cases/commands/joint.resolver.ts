import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../core/actor';
import { CaseCommandInput } from '../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { SuspensionReason } from '../../time-limits';
import { Opinion } from '../domain/case.state';
import { CaseCommands, CasePayload } from '../case-commands.service';
import type * as Schema from '../../../generated/schema.types';

class RecordOpinionInput extends CaseCommandInput implements Schema.RecordOpinionInput {
  opinion!: Opinion;
  @IsOptional() @IsString() @MaxLength(2000) reasons?: string | null;
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true }) conditions!: string[];
}

class SuspendReviewInput extends CaseCommandInput implements Schema.SuspendReviewInput {
  reason!: SuspensionReason;
  @IsOptional() @IsString() @MaxLength(500) detail?: string | null;
}

class ResumeReviewInput extends CaseCommandInput implements Schema.ResumeReviewInput {}

class WaiveOpinionsInput extends CaseCommandInput implements Schema.WaiveOpinionsInput {
  @IsString() @MaxLength(2000) reason!: string;
}

class RecordJointReviewInput extends CaseCommandInput implements Schema.RecordJointReviewInput {
  kind!: Schema.JointReviewKind;
  /** Sizes only; the decider checks each attendee. */
  @IsArray() @ArrayMaxSize(50) attendees!: Schema.AttendeeInput[];
  @IsOptional() @IsString() @MaxLength(200) location?: string | null;
  @IsString() @MaxLength(10_000) minutes!: string;
}

/**
 * A joint case's reviews (联办件, joint.decide.ts): each participating window's staff act for their own
 * window, named by their token; the center leader may let the case go on without the opinions owed.
 */
@Resolver()
export class JointCaseResolver {
  constructor(private readonly cases: CaseCommands) {}

  @Mutation('recordOpinion')
  recordOpinion(@Args('input') input: RecordOpinionInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.recordOpinion', input.caseId, input, actor, (occurredAt) => ({
      type: 'RecordOpinion',
      data: {
        window: actor.window ?? null,
        staffId: actor.id,
        opinion: input.opinion,
        reasons: input.reasons ?? null,
        conditions: input.conditions,
        occurredAt,
      },
    }));
  }

  @Mutation('suspendReview')
  suspendReview(@Args('input') input: SuspendReviewInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.suspendReview', input.caseId, input, actor, (occurredAt) => ({
      type: 'SuspendReview',
      data: { window: actor.window ?? null, reason: input.reason, detail: input.detail ?? null, occurredAt },
    }));
  }

  @Mutation('resumeReview')
  resumeReview(@Args('input') input: ResumeReviewInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.resumeReview', input.caseId, input, actor, (occurredAt) => ({
      type: 'ResumeReview',
      data: { window: actor.window ?? null, occurredAt },
    }));
  }

  @Mutation('recordJointReview')
  recordJointReview(@Args('input') input: RecordJointReviewInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.recordJointReview', input.caseId, input, actor, (occurredAt) => ({
      type: 'RecordJointReview',
      data: { kind: input.kind, attendees: input.attendees, location: input.location ?? null, minutes: input.minutes, occurredAt },
    }));
  }

  @Mutation('waiveOpinions')
  waiveOpinions(@Args('input') input: WaiveOpinionsInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.waiveOpinions', input.caseId, input, actor, (occurredAt) => ({
      type: 'WaiveOpinions',
      data: { reason: input.reason, occurredAt },
    }));
  }
}
