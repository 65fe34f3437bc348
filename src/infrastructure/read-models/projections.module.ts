import { Logger, Module } from '@nestjs/common';
import { EventStore } from '../../core/event-store';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { allProjections } from './all-projections';
import { ReadModelDb } from './database';
import { ProjectionRunner } from './projection-runner';

/** Every read model of the service, fed by one runner (the same list `casetrail replay` rebuilds). */
@Module({
  providers: [
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, READ_MODEL_DB],
      useFactory: (store: EventStore, db: ReadModelDb) => new ProjectionRunner(store, db, allProjections(), new Logger('Projections')),
    },
  ],
  exports: [ProjectionRunner],
})
export class ProjectionsModule {}
