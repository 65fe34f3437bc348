import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppDependencies, AppModule } from './app.module';
import { ClientErrorsFilter } from './infrastructure/graphql/client-errors.filter';
import { inputValidationPipe } from './infrastructure/graphql/command-input';
import { InFlightRequests } from './infrastructure/http/in-flight';
import { PinoNestLogger } from './infrastructure/logging/logger';

/** Builds the whole service; `main.ts` and the end-to-end tests both start it this way. */
export async function createApp(deps: AppDependencies): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), {
    logger: new PinoNestLogger(deps.logger),
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: '256kb' });
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
  log(drained ? `Shutdown: new requests refused; ${waiting} in flight finished` : `Shutdown: ${inFlight.size} requests still in flight after ${timeoutMs / 1000} s, stopping anyway`);
  await app.close();
}
