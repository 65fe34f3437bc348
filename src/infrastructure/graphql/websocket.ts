import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { useServer as UseServer } from 'graphql-ws/dist/use/ws';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { AppConfig, RequestLimits } from '../../config';
import { Actor } from '../../core/actor';
import { DomainError } from '../../core/errors';
import { bearerToken, verifySession } from '../auth/tokens';
import { RequestContext } from './current-actor.decorator';
import { formatError } from './errors';
import { limitRules } from './hardening';

/**
 * Close codes the service uses on a WebSocket, besides graphql-ws's own (4400 bad message, 4408 no
 * connection_init in time, 4409 a subscription id in use, 4429 a second connection_init) and 1009, sent
 * by the ws library when a message is larger than `wsMaxMessageKb` (it is refused from its header,
 * before it is read). docs/api.md lists them all.
 */
export const CLOSE_CODES = {
  /** Missing, bad or expired token (graphql-ws's code for a refused connection_init). */
  FORBIDDEN: 4403,
  /** The user already has `wsMaxConnectionsPerUser` connections open to this instance. */
  TOO_MANY_CONNECTIONS: 4290,
} as const;

interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
  session?: { actor: Actor; expiresAt: Date };
  expiry?: NodeJS.Timeout;
}

type Connection = Parameters<NonNullable<ServerOptions<Record<string, unknown>, SocketExtra>['onConnect']>>[0];

/**
 * Who is connected, for the per-user limits. The subscriptions are graphql-ws's own record of each
 * connection (`ctx.subscriptions`, an entry from subscribe until the operation ends), so the count
 * cannot drift from what runs.
 */
class Connections {
  private readonly byUser = new Map<string, Set<Connection>>();

  open(user: string, ctx: Connection): void {
    const mine = this.byUser.get(user) ?? new Set();
    mine.add(ctx);
    this.byUser.set(user, mine);
  }

  close(user: string, ctx: Connection): void {
    const mine = this.byUser.get(user);
    mine?.delete(ctx);
    if (mine?.size === 0) this.byUser.delete(user);
  }

  connections(user: string): number {
    return this.byUser.get(user)?.size ?? 0;
  }

  subscriptions(user: string): number {
    let count = 0;
    for (const ctx of this.byUser.get(user) ?? []) count += Object.keys(ctx.subscriptions).length;
    return count;
  }
}

/** A subscription over a limit is refused on its own id; the connection and its other subscriptions go on. */
function tooMany(limit: number, per: 'connection' | 'user'): GraphQLError {
  const message = `At most ${limit} subscriptions may run at once ${per === 'connection' ? 'on one connection' : 'for one user'}: complete one before starting another`;
  return new GraphQLError(message, { originalError: new DomainError('SUBSCRIPTION.TOO_MANY', message, { limit, per }) });
}

/**
 * WebSocket (graphql-transport-ws) connections authenticate in connection_init with
 * `{ authorization: "Bearer …" }`. A missing, bad or expired token closes the socket with 4403, and
 * so does the token expiring while the socket is open. Every subscription document passes the same
 * limits as over HTTP before it starts, and the per-connection and per-user limits before that.
 */
export function websocketOptions(
  config: AppConfig,
  logger: Logger,
  schema: () => GraphQLSchema,
): Partial<ServerOptions<Record<string, unknown>, SocketExtra>> {
  // The same stable codes as over HTTP: graphql-ws does not pass through Apollo's formatError.
  const format = formatError(logger, config.production);
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));
  const limits = config.requestLimits;
  const rules = [...specifiedRules, ...limitRules(limits)];
  const connections = new Connections();
  return {
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : result),
    onError: (_ctx, _id, _payload, errors) => formatAll(errors),
    onConnect: (ctx) => {
      const params = ctx.connectionParams ?? {};
      const token = bearerToken(String(params.authorization ?? params.Authorization ?? ''));
      if (!token) return false;
      let session;
      try {
        session = verifySession(config.jwtSecret, token);
      } catch {
        return false;
      }
      const user = session.actor.id;
      if (connections.connections(user) >= limits.wsMaxConnectionsPerUser) {
        logger.warn({ user, limit: limits.wsMaxConnectionsPerUser }, 'WebSocket refused: too many connections for one user');
        ctx.extra.socket.close(
          CLOSE_CODES.TOO_MANY_CONNECTIONS,
          `Too many connections: at most ${limits.wsMaxConnectionsPerUser} per user`,
        );
        return false;
      }
      ctx.extra.session = session;
      connections.open(user, ctx);
      // setTimeout holds at most ~24.8 days; tokens live at most a day.
      ctx.extra.expiry = setTimeout(
        () => ctx.extra.socket.close(CLOSE_CODES.FORBIDDEN, 'Token expired'),
        Math.max(0, session.expiresAt.getTime() - Date.now()),
      );
      return true;
    },
    onClose: (ctx) => {
      clearTimeout(ctx.extra.expiry);
      if (ctx.extra.session) connections.close(ctx.extra.session.actor.id, ctx);
    },
    onSubscribe: (ctx, _id, payload) => {
      // This subscription is already in ctx.subscriptions (graphql-ws records it before asking).
      if (Object.keys(ctx.subscriptions).length > limits.wsMaxSubscriptionsPerConnection)
        return [tooMany(limits.wsMaxSubscriptionsPerConnection, 'connection')];
      if (connections.subscriptions(ctx.extra.session!.actor.id) > limits.wsMaxSubscriptionsPerUser)
        return [tooMany(limits.wsMaxSubscriptionsPerUser, 'user')];
      let document;
      try {
        document = parse(payload.query, { maxTokens: limits.maxTokens });
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

// A subpath export, which this project's module resolution does not read: required, typed from its file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require('graphql-ws/use/ws') as { useServer: typeof UseServer };

/** What the driver needs to serve WebSockets: graphql-ws's options and the limits. */
export interface WebSocketSettings {
  options: Partial<ServerOptions<Record<string, unknown>, SocketExtra>>;
  limits: RequestLimits;
}

/**
 * Apollo, with the WebSocket server built here rather than by @nestjs/graphql: its own leaves the ws
 * library's default message limit (100 MB, every byte read and parsed before anything is checked) and
 * no way to set another. This one refuses a larger message from its header (close 1009) and an
 * upgrade to any other path (404).
 */
@Injectable()
export class CasetrailApolloDriver extends ApolloDriver {
  private disposeSockets?: () => Promise<void>;

  override async start(options: ApolloDriverConfig & { websockets?: WebSocketSettings }): Promise<void> {
    const { websockets, ...apollo } = options;
    await super.start({ ...apollo, subscriptions: undefined });
    if (!websockets) return;
    const path = options.path ?? '/graphql';
    const server = new WebSocketServer({
      noServer: true,
      maxPayload: websockets.limits.wsMaxMessageKb * 1024,
      // Messages that arrive together are handled one per turn of the event loop, not all in one go:
      // two hundred subscribe messages in one packet would otherwise hold the loop for their whole work.
      allowSynchronousEvents: false,
    });
    const disposable = useServer({ schema: options.schema, ...websockets.options }, server);
    const http = this.httpAdapterHost.httpAdapter.getHttpServer() as import('node:http').Server;
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== path) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    });
    this.disposeSockets = async () => disposable.dispose();
  }

  override async stop(): Promise<void> {
    await this.disposeSockets?.();
    await super.stop();
  }
}
