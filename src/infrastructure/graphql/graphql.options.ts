import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import { GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { AppConfig, packageRoot } from '../../config';
import { Actor } from '../../core/actor';
import { bearerToken, verifySession } from '../auth/tokens';
import { formatError, unauthenticated } from './errors';
import { RequestContext } from './current-actor.decorator';
import { ReadRecorder, guardSchema } from './guarded-schema';
import { limitRules } from './hardening';
import { scalarResolvers } from './scalars';

interface SocketExtra {
  socket: WebSocket;
  session?: { actor: Actor; expiresAt: Date };
  expiry?: NodeJS.Timeout;
}

/** 4403 Forbidden: graphql-ws's code for a refused connection_init, used for an expired token too. */
export const CLOSE_FORBIDDEN = 4403;

/**
 * WebSocket (graphql-transport-ws) connections authenticate in connection_init with
 * `{ authorization: "Bearer …" }`. A missing, bad or expired token closes the socket with 4403, and
 * so does the token expiring while the socket is open. Every subscription document passes the same
 * limits as over HTTP before it starts.
 */
function websocketOptions(
  config: AppConfig,
  logger: Logger,
  schema: () => GraphQLSchema,
): Partial<ServerOptions<Record<string, unknown>, SocketExtra>> {
  // The same stable codes as over HTTP: graphql-ws does not pass through Apollo's formatError.
  const format = formatError(logger, config.production);
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));
  const rules = [...specifiedRules, ...limitRules(config.requestLimits)];
  return {
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : result),
    onError: (_ctx, _id, _payload, errors) => formatAll(errors),
    onConnect: (ctx) => {
      const params = ctx.connectionParams ?? {};
      const token = bearerToken(String(params.authorization ?? params.Authorization ?? ''));
      if (!token) return false;
      try {
        const session = verifySession(config.jwtSecret, token);
        ctx.extra.session = session;
        // setTimeout holds at most ~24.8 days; tokens live at most a day.
        ctx.extra.expiry = setTimeout(
          () => ctx.extra.socket.close(CLOSE_FORBIDDEN, 'Token expired'),
          Math.max(0, session.expiresAt.getTime() - Date.now()),
        );
        return true;
      } catch {
        return false;
      }
    },
    onClose: (ctx) => clearTimeout(ctx.extra.expiry),
    onSubscribe: (_ctx, _id, payload) => {
      let document;
      try {
        document = parse(payload.query, { maxTokens: config.requestLimits.maxTokens });
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
      }
      const errors = validate(schema(), document, rules);
      // No errors: graphql-ws parses and validates again with the standard rules and runs it.
      return errors.length > 0 ? errors : undefined;
    },
    context: (ctx): RequestContext => ({ actor: ctx.extra.session!.actor, expiresAt: ctx.extra.session!.expiresAt }),
  };
}

/**
 * Schema-first: the SDL in schema/ is the contract. Every request carries a bearer token; every
 * operation is checked against the access policy (guardSchema) and every document against the
 * request limits, before any resolver runs.
 */
export function graphqlOptions(config: AppConfig, logger: Logger, recordRead?: ReadRecorder): ApolloDriverConfig {
  let guarded: GraphQLSchema | undefined;
  return {
    path: '/graphql',
    typePaths: [join(packageRoot(), 'schema/*.graphql')],
    resolvers: scalarResolvers,
    transformSchema: (schema: GraphQLSchema) =>
      (guarded = guardSchema(schema, { timeoutMs: config.requestLimits.resolverTimeoutMs, recordRead })),
    playground: false,
    // Production hides the schema: no introspection, no "Did you mean …?" suggestions.
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // Requests must be JSON or carry a non-simple header, so a browser form on another site cannot post.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.requestLimits.maxTokens },
    validationRules: limitRules(config.requestLimits),
    formatError: formatError(logger, config.production),
    // Nest passes these options to graphql-ws's useServer as they are; its type omits `context`.
    subscriptions: { 'graphql-ws': websocketOptions(config, logger, () => guarded!) as object },
    context: ({ req }: { req: Request }): RequestContext => {
      const token = bearerToken(req.headers.authorization);
      if (!token) throw unauthenticated('Authentication required: send Authorization: Bearer <token>');
      try {
        return verifySession(config.jwtSecret, token);
      } catch (error) {
        throw unauthenticated(tokenRefusal(error));
      }
    },
  };
}

/** Why a token was refused, and what to do about it. */
export function tokenRefusal(error: unknown): string {
  const { message, expiredAt } = error as { message?: string; expiredAt?: Date };
  if (expiredAt) {
    return `The token expired at ${expiredAt?.toISOString() ?? 'some time ago'}: get a new one (sign in again, or ask an administrator: npx --no-install casetrail token …)`;
  }
  return `Invalid token: ${message}. Send the token as it was issued, in Authorization: Bearer <token>`;
}
