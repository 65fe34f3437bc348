import 'reflect-metadata';
import { createApp, shutdown } from './bootstrap';
import { describeLocation, loadConfig } from './config';
import { createLogger } from './infrastructure/logging/logger';

export async function serve(): Promise<void> {
  const logger = createLogger();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    logger.fatal((error as Error).message);
    process.exit(1);
  }
  let app;
  try {
    app = await createApp({ config, logger });
    await app.listen(config.port, config.host);
  } catch (error) {
    logger.fatal({ err: error }, `casetrail could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  logger.info(
    { port: config.port, eventStore: describeLocation(config.eventStore), readModels: describeLocation(config.readModels) },
    `casetrail is serving GraphQL at http://localhost:${config.port}/graphql and the console at http://localhost:${config.port}/console/` +
      (config.graphiql ? ` (GraphQL IDE: http://localhost:${config.port}/console/graphiql/)` : ''),
  );
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info(`${signal}: finishing requests in flight, then stopping`);
      shutdown(app, (message) => logger.info(message)).then(
        () => {
          logger.info('casetrail stopped');
          process.exit(0);
        },
        (error) => {
          logger.error({ err: error }, 'Shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

if (require.main === module) void serve();
