import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../../../core/actor';
import { CaseCommandInput } from '../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { DeliveryMethod, Outcome, StepAction } from '../domain/case.state';
import { CaseCommands, CasePayload } from '../case-commands.service';
import type * as Schema from '../../../generated/schema.types';

class RequestSupplementInput extends CaseCommandInput implements Schema.RequestSupplementInput {
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true }) missingMaterials!: string[];
}

class ReceiveSupplementInput extends CaseCommandInput implements Schema.ReceiveSupplementInput {
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true }) materials!: string[];
}

class RejectCaseInput extends CaseCommandInput implements Schema.RejectCaseInput {
  @IsString() @MaxLength(2000) reason!: string;
}

class RecordStepInput extends CaseCommandInput implements Schema.RecordStepInput {
  @IsString() @MaxLength(100) step!: string;
  action!: StepAction;
  @IsString() @MaxLength(2000) opinion!: string;
}

class CompleteCaseInput extends CaseCommandInput implements Schema.CompleteCaseInput {
  outcome!: Outcome;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

class DeliverResultInput extends CaseCommandInput implements Schema.DeliverResultInput {
  method!: DeliveryMethod;
  @IsString() @MaxLength(200) recipient!: string;
}

class WithdrawCaseInput extends CaseCommandInput implements Schema.WithdrawCaseInput {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

class TerminateCaseInput extends CaseCommandInput implements Schema.TerminateCaseInput {
  @IsString() @MaxLength(2000) reason!: string;
}

class ArchiveCaseInput extends CaseCommandInput implements Schema.ArchiveCaseInput {}

class ReportLateNoticeInput extends CaseCommandInput implements Schema.ReportLateNoticeInput {
  @IsString() @MaxLength(2000) explanation!: string;
}

/** Lifecycle mutations of a case (受理前后, 办结, 送达, 撤回, 终止, 归档): each builds its command and runs it through the case decider. */
@Resolver()
export class CaseLifecycleResolver {
  constructor(private readonly cases: CaseCommands) {}

  @Mutation('requestSupplement')
  requestSupplement(@Args('input') input: RequestSupplementInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.requestSupplement', input.caseId, input, actor, (occurredAt) => ({
      type: 'RequestSupplement',
      data: { missingMaterials: input.missingMaterials, occurredAt },
    }));
  }

  @Mutation('receiveSupplement')
  receiveSupplement(@Args('input') input: ReceiveSupplementInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.receiveSupplement', input.caseId, input, actor, (occurredAt) => ({
      type: 'ReceiveSupplement',
      data: { materials: input.materials, occurredAt },
    }));
  }

  @Mutation('rejectCase')
  rejectCase(@Args('input') input: RejectCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.rejectCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'RejectCase',
      data: { reason: input.reason, occurredAt },
    }));
  }

  @Mutation('recordStep')
  recordStep(@Args('input') input: RecordStepInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.recordStep', input.caseId, input, actor, (occurredAt) => ({
      type: 'RecordStep',
      data: { step: input.step, action: input.action, opinion: input.opinion, occurredAt },
    }));
  }

  @Mutation('completeCase')
  completeCase(@Args('input') input: CompleteCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.completeCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'CompleteCase',
      data: { outcome: input.outcome, reason: input.reason ?? null, occurredAt },
    }));
  }

  @Mutation('deliverResult')
  deliverResult(@Args('input') input: DeliverResultInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.deliverResult', input.caseId, input, actor, (occurredAt) => ({
      type: 'DeliverResult',
      data: { method: input.method, recipient: input.recipient, occurredAt },
    }));
  }

  @Mutation('withdrawCase')
  withdrawCase(@Args('input') input: WithdrawCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.withdrawCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'WithdrawCase',
      data: { reason: input.reason ?? null, occurredAt },
    }));
  }

  @Mutation('terminateCase')
  terminateCase(@Args('input') input: TerminateCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.terminateCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'TerminateCase',
      data: { reason: input.reason, occurredAt },
    }));
  }

  @Mutation('reportLateNotice')
  reportLateNotice(@Args('input') input: ReportLateNoticeInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.reportLateNotice', input.caseId, input, actor, (occurredAt) => ({
      type: 'ReportLateNotice',
      data: { explanation: input.explanation, occurredAt },
    }));
  }

  @Mutation('archiveCase')
  archiveCase(@Args('input') input: ArchiveCaseInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.archiveCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'ArchiveCase',
      data: { occurredAt },
    }));
  }
}
