import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { DomainError, ValidationError } from '../../core/errors';
import { LIMIT_CODES, isTokenLimitError } from './hardening';
import { storeFailure } from '../store-failures';

/** Codes that come from GraphQL itself (parse, validation, bad variables) and pass through as they are. */
const GRAPHQL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export interface ErrorReporter {
  error(obj: object, message: string): void;
  warn(obj: object, message: string): void;
}

/**
 * Every error leaves with a stable `extensions.code`. Domain errors say what was wrong; anything
 * unexpected is logged in full and answered with INTERNAL, never with a stack trace.
 */
export function formatError(reporter: ErrorReporter, production = false) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = domainCause(error) ?? unwrapResolverError(error);
    // In production the schema stays hidden: no "Did you mean …?" hints at field or type names.
    const message = production ? formatted.message.replace(/ ?Did you mean .*\?$/, '') : formatted.message;
    const base = { message, locations: formatted.locations, path: formatted.path };
    if (original instanceof ValidationError) {
      return { ...base, message: original.message, extensions: { code: original.code, issues: original.issues } };
    }
    if (original instanceof DomainError) {
      return {
        ...base,
        message: original.message,
        extensions: { code: original.code, ...(original.details ? { details: original.details } : {}) },
      };
    }
    if (original instanceof HttpException) {
      return { ...base, message: original.message, extensions: { code: `HTTP.${original.getStatus()}` } };
    }
    const code = limitCodeOf(error) ?? (formatted.extensions?.code as string | undefined);
    if (isTokenLimitError(formatted.message)) return { ...base, extensions: { code: 'QUERY.TOO_MANY_TOKENS' } };
    if (code && (GRAPHQL_CODES.has(code) || LIMIT_CODES.includes(code) || code.startsWith('AUTH.'))) {
      return { ...base, extensions: { code } };
    }
    // The store's state (down, disk full) is not a bug: its own code, and a warning without a stack.
    const failure = storeFailure(original);
    if (failure) {
      reporter.warn({ code: failure.code, cause: (original as Error)?.message, path: formatted.path }, `Store failure: ${failure.message}`);
      return { ...base, message: failure.message, extensions: { code: failure.code } };
    }
    reporter.error(
      { err: original instanceof Error ? { message: original.message, stack: original.stack } : original, path: formatted.path },
      'Unexpected error in a GraphQL request',
    );
    return { ...base, message: 'Internal error', extensions: { code: 'INTERNAL' } };
  };
}

/** A domain refusal raised outside a resolver (a WebSocket limit), carried by a GraphQLError without a path. */
function domainCause(error: unknown): DomainError | undefined {
  return error instanceof GraphQLError && error.originalError instanceof DomainError ? error.originalError : undefined;
}

/** Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; a request limit keeps its own code. */
function limitCodeOf(error: unknown): string | undefined {
  const original = (error as { originalError?: { extensions?: { code?: unknown } } } | undefined)?.originalError;
  const code = original?.extensions?.code;
  return typeof code === 'string' && LIMIT_CODES.includes(code) ? code : undefined;
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'AUTH.UNAUTHENTICATED', http: { status: 401 } } });
}
