import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppDependencies, AppModule } from './app.module';
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
  return app;
}

/** Stops taking requests, lets those in flight finish (bounded), then closes stores in order. */
export async function shutdown(app: INestApplication, timeoutMs = 10_000): Promise<void> {
  await app.get(InFlightRequests).drain(timeoutMs);
  await app.close();
}
