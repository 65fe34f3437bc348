import { DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger as Pino } from 'pino';
import { AppConfig } from './config';
import { Clock, systemClock } from './core/clock';
import { localDateOf } from './core/dates';
import { EventStore } from './core/event-store';
import { openEventStore } from './infrastructure/event-store/open-event-store';
import { graphqlOptions } from './infrastructure/graphql/graphql.options';
import { CasetrailApolloDriver } from './infrastructure/graphql/websocket';
import { keyCommandFingerprints } from './infrastructure/graphql/command-input';
import { InFlightRequests } from './infrastructure/http/in-flight';
import { openReadModelDb, ReadModelDb } from './infrastructure/read-models/database';
import { ProjectionRunner } from './infrastructure/read-models/projection-runner';
import { ProjectionsModule } from './infrastructure/read-models/projections.module';
import { KafkaPublisher } from './infrastructure/kafka/kafka-publisher';
import {
  CALENDAR,
  CLOCK,
  CONFIG,
  EVENT_STORE,
  KAFKA_PUBLISHER,
  PROJECTIONS,
  READ_MODEL_DB,
  READ_MODEL_GATE,
} from './infrastructure/tokens';
import { allProjections } from './read-models';
import { ReadModelGate } from './infrastructure/read-models/read-model-gate';
import { SERVICE_ITEMS } from './modules/catalog';
import { CatalogModule, importCatalogIfEmpty } from './modules/catalog/catalog.module';
import { ScoringModule, ScoringRules } from './modules/scoring/scoring.module';
import { ComplaintsModule } from './modules/complaints/complaints.module';
import { StaffModule } from './modules/staff/staff.module';
import { RatingsModule } from './modules/ratings/ratings.module';
import { ExchangeModule } from './modules/exchange/exchange.module';
import { CasesModule } from './modules/cases/cases.module';
import { HealthController, MetricsController } from './modules/health';
import { LiveModule } from './modules/live/live.module';
import { DeadlineWatcher, toIntegrationEvent } from './modules/cases';
import { ComplaintWatcher } from './modules/complaints';
import { ConsultationWatcher } from './modules/cases';
import { RatingWatcher } from './modules/ratings';
import { AuditCheckpointer, SigningKey } from './modules/oversight';
import { OversightModule, OversightReadRecorder } from './modules/oversight/oversight.module';
import { WorkingCalendar, calendarWarnings, loadCalendar } from './modules/time-limits';
import { TimeLimitsModule } from './modules/time-limits/time-limits.module';

export interface AppDependencies {
  config: AppConfig;
  logger: Pino;
  clock?: Clock;
}

/** Opens the stores and the calendar once; every module gets them through these tokens. */
@Global()
@Module({})
class InfrastructureModule {
  static forRoot({ config, clock }: AppDependencies): DynamicModule {
    keyCommandFingerprints(config.jwtSecret);
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock ?? systemClock },
        { provide: EVENT_STORE, useFactory: async () => openEventStore(config.eventStore) },
        { provide: READ_MODEL_GATE, useValue: new ReadModelGate() },
        {
          provide: READ_MODEL_DB,
          inject: [READ_MODEL_GATE],
          useFactory: (gate: ReadModelGate) => openReadModelDb(config.readModels).withPlugin(gate),
        },
        { provide: CALENDAR, useFactory: () => loadCalendar(config.calendarPath) },
        { provide: PROJECTIONS, useValue: allProjections },
        InFlightRequests,
      ],
      exports: [CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB, READ_MODEL_GATE, CALENDAR, PROJECTIONS, InFlightRequests],
    };
  }
}

/**
 * The background work and its order. At start-up: read models catch up with the log, the demo catalog
 * goes into an empty catalog, projections follow the log live, the deadline watcher catches up on
 * downtime, the Kafka publisher resumes from its checkpoint, and the audit checkpointer seals the log at
 * intervals. Shutdown stops them in reverse, seals a last checkpoint, then closes the stores.
 */
@Module({
  imports: [ProjectionsModule, ScoringModule],
  providers: [
    {
      provide: KAFKA_PUBLISHER,
      inject: [EVENT_STORE, READ_MODEL_DB, CONFIG],
      useFactory: (store: EventStore, db: ReadModelDb, config: AppConfig) =>
        config.kafka ? new KafkaPublisher(store, db, { ...config.kafka }, new Logger('KafkaPublisher'), toIntegrationEvent) : null,
    },
    {
      provide: AuditCheckpointer,
      inject: [EVENT_STORE, CLOCK, CONFIG],
      useFactory: (store: EventStore, clock: Clock, config: AppConfig) =>
        new AuditCheckpointer(
          store,
          SigningKey.load(config.auditKey.path, { generate: !config.auditKey.given }),
          clock,
          new Logger('AuditCheckpointer'),
        ),
    },
    {
      provide: DeadlineWatcher,
      inject: [EVENT_STORE, READ_MODEL_DB, CLOCK, CALENDAR, CONFIG],
      useFactory: (store: EventStore, db: ReadModelDb, clock: Clock, calendar: WorkingCalendar, config: AppConfig) =>
        new DeadlineWatcher(store, db, clock, calendar, new Logger('DeadlineWatcher'), config.clockPolicy, [
          new ComplaintWatcher(store, db, clock),
          new RatingWatcher(store, db, clock),
          new ConsultationWatcher(store, db, clock),
        ]),
    },
  ],
  exports: [KAFKA_PUBLISHER],
})
class LifecycleModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Startup');

  constructor(
    private readonly projections: ProjectionRunner,
    private readonly watcher: DeadlineWatcher,
    private readonly checkpointer: AuditCheckpointer,
    @Inject(KAFKA_PUBLISHER) private readonly kafka: KafkaPublisher | null,
    private readonly commandBus: CommandBus,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scoringRules: ScoringRules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.init();
    await this.projections.catchUp();
    // A catalog rebuilt in the background is looked at once it is up to date: only then does "empty" mean empty.
    const importCatalog = async () => {
      const imported = await importCatalogIfEmpty(this.db, this.commandBus, this.config.catalogPath);
      if (imported > 0) this.logger.log(`Catalog was empty: published ${imported} service items from ${this.config.catalogPath}`);
    };
    if (this.projections.isLive(SERVICE_ITEMS)) await importCatalog();
    else
      void this.projections
        .whenLive(SERVICE_ITEMS)
        .then(importCatalog)
        .catch((error: Error) => this.logger.error(`Catalog import failed: ${error.message}`, error.stack));
    for (const { ruleSet, amended } of await this.scoringRules.publishFile(this.config.scoringRulesPath)) {
      this.logger.log(
        amended
          ? `Scoring rules version ${ruleSet.version} reworded from ${this.config.scoringRulesPath} (its figures unchanged)`
          : `Scoring rules version ${ruleSet.version} recorded from ${this.config.scoringRulesPath}, in force from ${ruleSet.effectiveFrom}`,
      );
    }
    await this.projections.catchUp();
    this.projections.start();
    // The first run catches up on every deadline that passed while the service was down.
    if (this.config.deadlineCheckSeconds > 0) this.watcher.start(this.config.deadlineCheckSeconds * 1000);
    await this.kafka?.start();
    // The first seal covers whatever the log holds at start-up. It runs beside the requests: on a log
    // never sealed it reads every event (20 s for a million), and the service must not wait for that.
    if (this.config.auditCheckpointSeconds > 0) this.checkpointer.start(this.config.auditCheckpointSeconds * 1000, { now: true });
    for (const warning of calendarWarnings(this.calendar, localDateOf(this.clock.now()))) this.logger.warn(warning);
  }

  async onApplicationShutdown(): Promise<void> {
    const log = new Logger('Shutdown');
    await this.watcher.stop();
    await this.checkpointer.stop();
    log.log('Deadline watcher and audit checkpointer stopped');
    // Seal what was recorded up to now, so that a stopped service leaves nothing unsealed.
    if (this.config.auditCheckpointSeconds > 0) {
      await this.checkpointer.tick().then(
        (sealed) =>
          log.log(
            sealed
              ? `Final audit checkpoint signed: ${sealed.events} events up to position ${sealed.upTo}`
              : 'Audit checkpoint already covers the whole log',
          ),
        (error: Error) => log.error(`Final audit checkpoint failed: ${error.message}`),
      );
    }
    if (this.kafka) {
      await this.kafka.stop();
      log.log('Kafka publisher stopped');
    }
    await this.projections.stop();
    await this.store.close();
    await this.db.destroy();
    log.log('Projections stopped; event store and read models closed');
  }
}

@Module({})
export class AppModule {
  static forRoot(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(deps),
        CqrsModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: CasetrailApolloDriver,
          imports: [OversightModule],
          inject: [OversightReadRecorder],
          useFactory: (reads: OversightReadRecorder) => graphqlOptions(deps.config, deps.logger, reads.record),
        }),
        TerminusModule.forRoot({ logger: false }),
        CatalogModule,
        CasesModule,
        TimeLimitsModule,
        ProjectionsModule,
        LiveModule,
        ScoringModule,
        ComplaintsModule,
        StaffModule,
        RatingsModule,
        ExchangeModule,
        OversightModule,
        LifecycleModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
