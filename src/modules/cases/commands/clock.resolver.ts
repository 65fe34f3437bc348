import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../core/actor';
import { CaseCommandInput } from '../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { SuspensionReason } from '../../time-limits';
import { CaseCommands, CasePayload } from '../case-commands.service';
import type * as Schema from '../../../generated/schema.types';

class SuspendCaseInput extends CaseCommandInput implements Schema.SuspendCaseInput {
  reason!: SuspensionReason;
  @IsOptional() @IsString() @MaxLength(500) detail?: string | null;
}

class ResumeCaseInput extends CaseCommandInput implements Schema.ResumeCaseInput {}

class RequestExtensionInput extends CaseCommandInput implements Schema.RequestExtensionInput {
  @IsInt() workingDays!: number;
  @IsString() @MaxLength(2000) reason!: string;
}

class ApproveExtensionInput extends CaseCommandInput {
  @IsString() @MaxLength(2000) reason!: string;
  /** Sizes only; the decider checks it is there for a joint case. */
  @IsOptional() governmentApproval?: { by: string; documentNo: string } | null;
}

class DenyExtensionInput extends CaseCommandInput {
  @IsString() @MaxLength(2000) reason!: string;
}

class UrgeCaseInput extends CaseCommandInput implements Schema.UrgeCaseInput {
  @IsString() @MaxLength(2000) note!: string;
  @IsInt() periodWorkingDays!: number;
}

/** Clock mutations of a case (中止, 恢复, 延期, 催办; SPEC §5): each builds its command and runs it through the case decider. */
@Resolver()
export class CaseClockResolver {
  constructor(private readonly cases: CaseCommands) {}

  @Mutation('suspendCase')
  suspendCase(@Args('input') input: SuspendCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.suspendCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'SuspendCase',
      data: { reason: input.reason, detail: input.detail ?? null, occurredAt },
    }));
  }

  @Mutation('resumeCase')
  resumeCase(@Args('input') input: ResumeCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.resumeCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'ResumeCase',
      data: { occurredAt },
    }));
  }

  @Mutation('requestExtension')
  requestExtension(@Args('input') input: RequestExtensionInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.requestExtension', input.caseId, input, actor, (occurredAt) => ({
      type: 'RequestExtension',
      data: { workingDays: input.workingDays, reason: input.reason, occurredAt },
    }));
  }

  @Mutation('approveExtension')
  approveExtension(@Args('input') input: ApproveExtensionInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.approveExtension', input.caseId, input, actor, (occurredAt) => ({
      type: 'ApproveExtension',
      data: { reason: input.reason, governmentApproval: input.governmentApproval ?? null, occurredAt },
    }));
  }

  @Mutation('denyExtension')
  denyExtension(@Args('input') input: DenyExtensionInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.denyExtension', input.caseId, input, actor, (occurredAt) => ({
      type: 'DenyExtension',
      data: { reason: input.reason, occurredAt },
    }));
  }

  @Mutation('urgeCase')
  urgeCase(@Args('input') input: UrgeCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.urgeCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'UrgeCase',
      data: { note: input.note, periodWorkingDays: input.periodWorkingDays, occurredAt },
    }));
  }
}
