import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { packageRoot } from './config';
import type { Duplex } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppDependencies, AppModule } from './app.module';
import { ClientErrorsFilter } from './infrastructure/graphql/client-errors.filter';
import { inputValidationPipe } from './infrastructure/graphql/command-input';
import { InFlightRequests } from './infrastructure/http/in-flight';
import { PinoNestLogger } from './infrastructure/logging/logger';

/** The largest request body, in kB: a page of GraphQL with its variables is far smaller. */
export const BODY_LIMIT_KB = 256;

/**
 * A body the JSON parser refuses (too large, not JSON) is answered in GraphQL's shape with a stable code,
 * as every other refusal is, and says the limit.
 */
function bodyErrors(error: { type?: string; status?: number } | undefined, _req: Request, res: Response, next: NextFunction): void {
  if (error?.type === 'entity.too.large') {
    res
      .status(413)
      .type('application/json')
      .send(
        refusalBody(`The request body is larger than the limit of ${BODY_LIMIT_KB} kB`, 'REQUEST.TOO_LARGE', { limitKb: BODY_LIMIT_KB }),
      );
    return;
  }
  if (error?.type === 'entity.parse.failed') {
    res.status(400).type('application/json').send(refusalBody('The request body is not valid JSON', 'REQUEST.MALFORMED'));
    return;
  }
  next(error);
}

/** One refusal of the HTTP layer, as every refusal is answered: GraphQL's error shape with a stable code. */
function refusalBody(message: string, code: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * GraphQL requests come as JSON (`Content-Type: application/json`); anything else is refused with 415
 * before authentication, rather than reaching Apollo as an empty or CSRF-suspect request.
 */
function jsonOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || req.path !== '/graphql' || req.is('application/json')) return next();
  res
    .status(415)
    .type('application/json')
    .send(refusalBody('Send GraphQL requests as JSON, with Content-Type: application/json', 'REQUEST.UNSUPPORTED_MEDIA_TYPE'));
}

/**
 * Requests Node's HTTP parser refuses before any route sees them: headers over its limit (16 kB) get 431,
 * anything it cannot parse 400, both in GraphQL's error shape instead of an empty answer.
 */
function answerUnparsable(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, body] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['431 Request Header Fields Too Large', refusalBody('The request headers are larger than 16 kB', 'REQUEST.HEADERS_TOO_LARGE')]
      : ['400 Bad Request', refusalBody('The request is not valid HTTP', 'REQUEST.MALFORMED')];
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The supervision console (console/ in the package): plain files, and ECharts from its own package, so it
 * works on a closed network. It reaches the service through the public API only. The policy allows
 * scripts and data from this origin alone; ECharts sets inline styles on what it draws.
 */
function serveConsole(app: NestExpressApplication, ide: boolean): void {
  const setHeaders = (res: Response) =>
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
  // A folder of an installed package (its package.json is the one path every package exports).
  const vendor = (prefix: string, pkg: string, folder: string) =>
    app.useStaticAssets(join(dirname(require.resolve(`${pkg}/package.json`)), folder), { prefix, setHeaders });
  if (ide) {
    // GraphiQL's own bundle and the React it runs on, from their npm packages: nothing from a CDN.
    vendor('/console/vendor/graphiql', 'graphiql', '.');
    vendor('/console/vendor/react', 'react', 'umd');
    vendor('/console/vendor/react-dom', 'react-dom', 'umd');
    // A browser opening the endpoint itself gets the IDE rather than Apollo's CSRF refusal.
    app.use('/graphql', (req: Request, res: Response, next: NextFunction) =>
      req.method === 'GET' && !req.query.query && req.accepts(['json', 'html']) === 'html'
        ? res.redirect(302, '/console/graphiql/')
        : next(),
    );
  } else {
    app.use('/console/graphiql', (_req: Request, res: Response) => {
      res
        .status(404)
        .type('application/json')
        .send(refusalBody('The GraphQL IDE is off here: CASETRAIL_GRAPHIQL=on serves it', 'REQUEST.IDE_OFF'));
    });
  }
  app.useStaticAssets(join(packageRoot(), 'console'), { prefix: '/console', setHeaders });
  vendor('/console/vendor', 'echarts', 'dist');
}

/** Builds the whole service; `main.ts` and the end-to-end tests both start it this way. */
export async function createApp(deps: AppDependencies): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), {
    logger: new PinoNestLogger(deps.logger),
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: `${BODY_LIMIT_KB}kb` });
  app.use(bodyErrors);
  app.use(jsonOnly);
  (app.getHttpServer() as Server).on('clientError', answerUnparsable);
  app.use(app.get(InFlightRequests).middleware);
  serveConsole(app, deps.config.graphiql);
  app.useGlobalPipes(inputValidationPipe);
  app.useGlobalFilters(new ClientErrorsFilter(app.getHttpAdapter()));
  return app;
}

/**
 * Stops taking requests, lets those in flight finish (bounded), then closes stores in order; says what it
 * did, so an operator reading the log knows whether anything was cut off.
 */
export async function shutdown(app: INestApplication, log: (message: string) => void = () => undefined, timeoutMs = 10_000): Promise<void> {
  const inFlight = app.get(InFlightRequests);
  const waiting = inFlight.size;
  const drained = await inFlight.drain(timeoutMs);
  log(
    drained
      ? `Shutdown: new requests refused; ${waiting} in flight finished`
      : `Shutdown: ${inFlight.size} requests still in flight after ${timeoutMs / 1000} s, stopping anyway`,
  );
  await app.close();
}
