import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { DomainError } from '../../core/errors';
import { storeFailure } from '../store-failures';

/** Codes of the HTTP layer's own refusals, answered in GraphQL's error shape like every other. */
const HTTP_CODES: Record<number, string> = { 404: 'REQUEST.NOT_FOUND', 405: 'REQUEST.METHOD_NOT_ALLOWED' };

/**
 * Every error on its way out, in GraphQL requests and on the HTTP routes:
 * - a refusal (bad input, a rule that says no) is the client's mistake, not the service's: answered with
 *   its code (errors.ts) and logged at info, so that `error` in the log means something broke;
 * - the store being down or full (`storeFailure`) is the operator's concern: STORE.UNAVAILABLE or
 *   STORE.FULL, logged as a warning without a stack;
 * - anything else is a bug: answered INTERNAL, logged with its stack by formatError.
 * On the HTTP routes, an unknown path (404) or method (405) is answered in GraphQL's error shape with a
 * code; anything else (a health check's 503 with its report) goes to Nest's own handling.
 */
@Catch()
export class ClientErrorsFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly refusals = new Logger('Refused');

  override catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return this.catchHttp(error, host);
    const refusal = error instanceof DomainError ? error : storeFailure(error);
    if (!refusal) return error;
    const info = host.getArgByIndex(3) as { fieldName?: string; parentType?: { name: string } } | undefined;
    const operation = info?.parentType && info.fieldName ? `${info.parentType.name}.${info.fieldName}` : host.getType();
    const line = `${operation}: ${refusal.code}: ${refusal.message}`;
    if (refusal.code.startsWith('STORE.')) this.refusals.warn(line);
    else this.refusals.log(line);
    return refusal;
  }

  /** An unknown path or method; everything else (a health check's 503 and its body) as Nest answers it. */
  private catchHttp(error: unknown, host: ArgumentsHost): void {
    const code = error instanceof HttpException ? HTTP_CODES[error.getStatus()] : undefined;
    if (!code) return super.catch(error, host);
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status((error as HttpException).getStatus())
      .json({ errors: [{ message: (error as HttpException).message, extensions: { code } }] });
  }
}
