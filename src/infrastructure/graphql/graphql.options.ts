import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { AppConfig, packageRoot } from '../../config';
import { bearerToken, verifyToken } from '../auth/tokens';
import { formatError, unauthenticated } from './errors';
import { RequestContext } from './current-actor.decorator';
import { scalarResolvers } from './scalars';

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
