import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import { GraphQLSchema } from 'graphql';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { AppConfig, packageRoot } from '../../config';
import { bearerToken, verifySession } from '../auth/tokens';
import { formatError, unauthenticated } from './errors';
import { RequestContext } from './current-actor.decorator';
import { ReadRecorder, guardSchema } from './guarded-schema';
import { limitRules } from './hardening';
import { WebSocketSettings, websocketOptions } from './websocket';
import { scalarResolvers } from './scalars';

/**
 * Schema-first: the SDL in schema/ is the contract. Every request carries a bearer token; every
 * operation is checked against the access policy (guardSchema) and every document against the
 * request limits, before any resolver runs.
 */
export function graphqlOptions(
  config: AppConfig,
  logger: Logger,
  recordRead?: ReadRecorder,
): ApolloDriverConfig & { websockets: WebSocketSettings } {
  let guarded: GraphQLSchema | undefined;
  return {
    path: '/graphql',
    typePaths: [join(packageRoot(), 'schema/*.graphql')],
    resolvers: scalarResolvers,
    transformSchema: (schema: GraphQLSchema) =>
      (guarded = guardSchema(schema, { timeoutMs: config.requestLimits.resolverTimeoutMs, recordRead })),
    playground: false,
    // Production hides the schema: no introspection, no "Did you mean …?" suggestions; an operator who turns
    // the IDE on there gives signed-in callers the introspection it needs.
    introspection: !config.production || config.graphiql,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // Requests must be JSON or carry a non-simple header, so a browser form on another site cannot post.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.requestLimits.maxTokens },
    validationRules: limitRules(config.requestLimits),
    formatError: formatError(logger, config.production),
    // Served by CasetrailApolloDriver (websocket.ts), with the WebSocket limits.
    websockets: { options: websocketOptions(config, logger, () => guarded!), limits: config.requestLimits },
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
