import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import type { GraphQLError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { AppConfig, packageRoot } from '../../config';
import { Actor } from '../../core/actor';
import { bearerToken, verifyToken } from '../auth/tokens';
import { formatError, unauthenticated } from './errors';
import { RequestContext } from './current-actor.decorator';
import { scalarResolvers } from './scalars';

/**
 * WebSocket (graphql-transport-ws) connections authenticate in connection_init with
 * `{ authorization: "Bearer …" }`; a missing or bad token closes the socket with 4403.
 */
function websocketOptions(config: AppConfig, logger: Logger): Partial<ServerOptions<Record<string, unknown>, { actor?: Actor }>> {
  // The same stable codes as over HTTP: graphql-ws does not pass through Apollo's formatError.
  const format = formatError(logger);
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));
  return {
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : result),
    onError: (_ctx, _id, _payload, errors) => formatAll(errors),
    onConnect: (ctx) => {
      const params = ctx.connectionParams ?? {};
      const token = bearerToken(String(params.authorization ?? params.Authorization ?? ''));
      if (!token) return false;
      try {
        ctx.extra.actor = verifyToken(config.jwtSecret, token);
        return true;
      } catch {
        return false;
      }
    },
    context: (ctx): RequestContext => ({ actor: ctx.extra.actor! }),
  };
}

/** Schema-first: the SDL in schema/ is the contract. Every request must carry a bearer token. */
export function graphqlOptions(config: AppConfig, logger: Logger): ApolloDriverConfig {
  return {
    path: '/graphql',
    typePaths: [join(packageRoot(), 'schema/*.graphql')],
    resolvers: scalarResolvers,
    playground: false,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: formatError(logger),
    // Nest passes these options to graphql-ws's useServer as they are; its type omits `context`.
    subscriptions: { 'graphql-ws': websocketOptions(config, logger) as object },
    context: ({ req }: { req: Request }): RequestContext => {
      const token = bearerToken(req.headers.authorization);
      if (!token) throw unauthenticated('Authentication required: send Authorization: Bearer <token>');
      try {
        return { actor: verifyToken(config.jwtSecret, token) };
      } catch (error) {
        throw unauthenticated(`Invalid token: ${(error as Error).message}`);
      }
    },
  };
}
