import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
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
    res.status(413).json({
      errors: [
        {
          message: `The request body is larger than the limit of ${BODY_LIMIT_KB} kB`,
          extensions: { code: 'REQUEST.TOO_LARGE', limitKb: BODY_LIMIT_KB },
        },
      ],
    });
    return;
  }
  if (error?.type === 'entity.parse.failed') {
    res.status(400).json({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'REQUEST.MALFORMED' } }] });
    return;
  }
  next(error);
}

/** Builds the whole service; `main.ts` and the end-to-end tests both start it this way. */
export async function createApp(deps: AppDependencies): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), {
    logger: new PinoNestLogger(deps.logger),
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: `${BODY_LIMIT_KB}kb` });
  app.use(bodyErrors);
  app.use(app.get(InFlightRequests).middleware);
  app.useGlobalPipes(inputValidationPipe);
  app.useGlobalFilters(new ClientErrorsFilter());
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
