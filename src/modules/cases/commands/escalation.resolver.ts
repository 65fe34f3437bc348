import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNumber, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Actor } from '../../../core/actor';
import { CaseCommandInput } from '../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { CaseCommands, CasePayload } from '../case-commands.service';
import type * as Schema from '../../../generated/schema.types';

class TransmittalInput implements Schema.TransmittalInput {
  @IsString() @MaxLength(100) formNo!: string;
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true }) materials!: string[];
  @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

class SendUpInput extends CaseCommandInput implements Omit<Schema.SendUpInput, 'transmittal'> {
  @IsString() @MaxLength(200) authority!: string;
  @IsOptional() @IsString() @MaxLength(100) carriedBy?: string | null;
  @ValidateNested() @Type(() => TransmittalInput) transmittal!: TransmittalInput;
}

class ReturnFromAuthorityInput extends CaseCommandInput implements Schema.ReturnFromAuthorityInput {
  @IsString() @MaxLength(2000) decision!: string;
  @IsOptional() @IsString() @MaxLength(100) formNo?: string | null;
  @IsOptional() @IsString() @MaxLength(100) carriedBy?: string | null;
}

class RecordFeeInput extends CaseCommandInput implements Schema.RecordFeeInput {
  @IsNumber() amount!: number;
  @IsString() @MaxLength(500) basis!: string;
}

/** 上报件 / 代办件 (escalation.decide.ts): to the higher authority and back, and fees, never on an agency case. */
@Resolver()
export class EscalationResolver {
  constructor(private readonly cases: CaseCommands) {}

  @Mutation('sendUp')
  sendUp(@Args('input') input: SendUpInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.sendUp', input.caseId, input, actor, (occurredAt) => ({
      type: 'SendUp',
      data: {
        authority: input.authority,
        carriedBy: input.carriedBy ?? actor.id,
        transmittal: { formNo: input.transmittal.formNo, materials: input.transmittal.materials, note: input.transmittal.note ?? null },
        occurredAt,
      },
    }));
  }

  @Mutation('returnFromAuthority')
  returnFromAuthority(@Args('input') input: ReturnFromAuthorityInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.returnFromAuthority', input.caseId, input, actor, (occurredAt) => ({
      type: 'ReturnFromAuthority',
      data: { carriedBy: input.carriedBy ?? actor.id, decision: input.decision, formNo: input.formNo ?? null, occurredAt },
    }));
  }

  @Mutation('recordFee')
  recordFee(@Args('input') input: RecordFeeInput, @CurrentActor() actor: Actor): Promise<CasePayload> {
    return this.cases.execute('Mutation.recordFee', input.caseId, input, actor, (occurredAt) => ({
      type: 'RecordFee',
      data: { amount: input.amount, basis: input.basis, occurredAt },
    }));
  }
}
