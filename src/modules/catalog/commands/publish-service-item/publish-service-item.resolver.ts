import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ServiceItemDefinition } from '../../domain/service-item';
import { PublishServiceItemCommand } from './publish-service-item.handler';
import type * as Schema from '../../../../generated/schema.types';

/** Sizes only: the catalog decider checks the meaning (limits, kinds, codes). */
/**
 * Checked against the schema's type except for the enums the API maps to internal values (scalars.ts:
 * CaseKind IMMEDIATE → 'immediate', LimitUnit WORKING_DAYS → 'working_days'), which arrive mapped.
 */
class ServiceItemInput implements Omit<Schema.ServiceItemInput, 'kind' | 'limitUnit' | 'supplementDeadline'> {
  @IsString() @MaxLength(64) code!: string;
  @IsString() @MaxLength(200) name!: string;
  @IsString() @MaxLength(100) department!: string;
  @IsString() @MaxLength(64) window!: string;
  @IsString() kind!: ServiceItemDefinition['kind'];
  @IsOptional() legalLimit?: number | null;
  @IsOptional() promisedLimit?: number | null;
  @IsString() limitUnit!: ServiceItemDefinition['limitUnit'];
  @IsString() @MaxLength(200) fee!: string;
  @IsOptional() @IsString() @MaxLength(500) feeBasis?: string | null;
  @IsOptional() @IsString() @MaxLength(1000) legalBasis?: string | null;
  @IsArray() @IsString({ each: true }) @MaxLength(200, { each: true }) materials!: string[];
  @IsArray() @IsString({ each: true }) @MaxLength(100, { each: true }) steps!: string[];
  @IsOptional() allowsToleranceAcceptance?: boolean | null;
  @IsOptional() acceptanceDays?: { from: number; to: number } | null;
  @IsOptional() supplementDeadline?: { days: number; unit: ServiceItemDefinition['limitUnit'] } | null;
  @IsOptional() @IsArray() @ArrayMaxSize(20) participants?: Array<{
    window: string;
    department: string;
    reviewLimit: number;
    required?: boolean | null;
  }> | null;
  @IsOptional() @IsArray() @ArrayMaxSize(50) stepRules?: Array<{
    step: string;
    limitWorkingDays?: number | null;
    minimumDays?: number | null;
  }> | null;
}

/** Step rules as the item keeps them: one map of limits and one of shortest durations, by step. */
function stepMaps(rules: ServiceItemInput['stepRules']): Pick<ServiceItemDefinition, 'stepLimits' | 'stepMinimumDays'> {
  const stepLimits = Object.fromEntries((rules ?? []).filter((r) => r.limitWorkingDays != null).map((r) => [r.step, r.limitWorkingDays!]));
  const stepMinimumDays = Object.fromEntries((rules ?? []).filter((r) => r.minimumDays != null).map((r) => [r.step, r.minimumDays!]));
  return { ...(Object.keys(stepLimits).length ? { stepLimits } : {}), ...(Object.keys(stepMinimumDays).length ? { stepMinimumDays } : {}) };
}

class PublishServiceItemInput extends CommandInput implements Omit<Schema.PublishServiceItemInput, 'item'> {
  @ValidateNested() @Type(() => ServiceItemInput) item!: ServiceItemInput;
}

const definedOnly = (item: ServiceItemInput): ServiceItemDefinition => ({
  code: item.code,
  name: item.name,
  department: item.department,
  window: item.window,
  kind: item.kind,
  ...(item.legalLimit != null ? { legalLimit: item.legalLimit } : {}),
  ...(item.promisedLimit != null ? { promisedLimit: item.promisedLimit } : {}),
  limitUnit: item.limitUnit,
  fee: item.fee,
  ...(item.feeBasis ? { feeBasis: item.feeBasis } : {}),
  ...(item.legalBasis ? { legalBasis: item.legalBasis } : {}),
  materials: item.materials,
  steps: item.steps,
  allowsToleranceAcceptance: item.allowsToleranceAcceptance ?? false,
  ...(item.acceptanceDays ? { acceptanceDays: { from: item.acceptanceDays.from, to: item.acceptanceDays.to } } : {}),
  ...(item.supplementDeadline ? { supplementDeadline: { days: item.supplementDeadline.days, unit: item.supplementDeadline.unit } } : {}),
  ...stepMaps(item.stepRules),
  ...(item.participants
    ? {
        participants: item.participants.map((p) => ({
          window: p.window,
          department: p.department,
          reviewLimit: p.reviewLimit,
          required: p.required ?? true,
        })),
      }
    : {}),
});

@Resolver()
export class PublishServiceItemResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('publishServiceItem')
  publishServiceItem(@Args('input') input: PublishServiceItemInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new PublishServiceItemCommand({ ...input, item: definedOnly(input.item) }, actor));
  }
}
