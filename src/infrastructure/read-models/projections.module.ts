import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../../config';
import { EventStore } from '../../core/event-store';
import { CONFIG, EVENT_STORE, PROJECTIONS, READ_MODEL_DB, READ_MODEL_GATE } from '../tokens';
import { fewerCheckpoints, ReadModelDb, ReadModelProjection } from './database';
import { BACKGROUND_BATCH, ProjectionRunner } from './projection-runner';
import { ProjectionLease } from './projection-lease';
import { ReadModelGate } from './read-model-gate';
import { replayReadModels } from './read-model-replay';

/**
 * Every read model of the service, fed by one runner (the same list `casetrail replay` rebuilds). The
 * runner writes without the gate that keeps queries off read models rebuilt in the background.
 */
@Module({
  providers: [
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, READ_MODEL_DB, READ_MODEL_GATE, CONFIG, PROJECTIONS],
      useFactory: (
        store: EventStore,
        db: ReadModelDb,
        gate: ReadModelGate,
        config: AppConfig,
        allProjections: () => ReadModelProjection[],
      ) => {
        const location = config.readModels;
        const inMemory = location.kind === 'sqlite' && location.path === ':memory:';
        const writer = db.withoutPlugins();
        return new ProjectionRunner(store, writer, allProjections(), new Logger('Projections'), {
          backgroundFrom: config.backgroundRebuildFrom,
          gate,
          // Instances sharing the database take turns at projecting; one in memory has nobody to share with.
          lease: inMemory ? undefined : new ProjectionLease(writer),
          duringRebuild: location.kind === 'sqlite' && !inMemory ? () => fewerCheckpoints(writer) : undefined,
          // New tables beside the old ones need a second connection to the same database: not in memory.
          rebuildBeside: inMemory
            ? undefined
            : async (projections, onProgress) => {
                // Projections of its own for the new tables: a projection may keep state tied to its database.
                const names = new Set(projections.map((p) => p.name));
                await replayReadModels({
                  store,
                  location,
                  projections: () => allProjections().filter((p) => names.has(p.name)),
                  onProgress: (p) => onProgress(p.position, p.head),
                  // Its own place, so that `casetrail replay` or a second instance cannot overwrite it.
                  shadow: `rebuild_${process.pid}`,
                  batchSize: BACKGROUND_BATCH,
                });
              },
        });
      },
    },
  ],
  exports: [ProjectionRunner],
})
export class ProjectionsModule {}
