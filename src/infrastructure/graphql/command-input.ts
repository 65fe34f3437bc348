import { ValidationPipe } from '@nestjs/common';
import { IsOptional, IsString, Length, Matches, MaxLength, ValidationError as ClassValidationError } from 'class-validator';
import { createHmac } from 'node:crypto';
import { Actor } from '../../core/actor';
import { canonicalJson } from '../../core/canonical-json';
import { FieldIssue, ValidationError } from '../../core/errors';
import { CommandContext } from '../../core/handle-command';

/** Fields every command input carries. GraphQL checks types; these check sizes and shapes. */
export class CommandInput {
  /** Idempotency key: letters, digits and . _ : - only, so it can be logged and used in ids safely. */
  @IsString()
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'commandId may hold only letters, digits and . _ : -' })
  commandId!: string;

  @IsOptional()
  @IsString()
  occurredAt?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  backfillReason?: string | null;
}

/**
 * The key of command fingerprints: set once at start-up from the service's secret, shared by every
 * instance, so that a fingerprint in an event's metadata cannot be used to guess the input (an input
 * holds identity numbers) by anyone without the secret.
 */
let fingerprintKey = '';
export function keyCommandFingerprints(secret: string): void {
  fingerprintKey = secret;
}

/** A keyed hash of what the caller asked (the input, its command id aside): a retry has the same, a reuse another. */
export function fingerprintOf(input: { commandId: string }): string {
  const { commandId: _id, ...asked } = input;
  return createHmac('sha256', `command-fingerprint:${fingerprintKey}`).update(canonicalJson(asked)).digest('hex');
}

/** The context a command runs in, from the fields every command input carries: its id and business time. */
export function commandContext(
  input: { commandId: string; occurredAt?: string | null; backfillReason?: string | null },
  actor: Actor,
  now: Date,
): CommandContext {
  return {
    commandId: input.commandId,
    actor,
    occurredAt: input.occurredAt ?? undefined,
    backfillReason: input.backfillReason ?? undefined,
    now,
  };
}

export class CaseCommandInput extends CommandInput {
  @IsString()
  @Length(1, 64)
  caseId!: string;
}

/** Field paths are written from the input down (`applicant.idNumber`, `materials[2]`), as the rules write them. */
function issues(errors: ClassValidationError[], prefix = ''): FieldIssue[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((message) => ({ field, message })), ...issues(e.children ?? [], field)];
  });
}

/** Validates every @Args input class; failures become VALIDATION.FAILED with one issue per field. */
export const inputValidationPipe = new ValidationPipe({
  transform: true,
  forbidUnknownValues: false,
  validateCustomDecorators: false,
  exceptionFactory: (errors) => new ValidationError(issues(errors)),
});
