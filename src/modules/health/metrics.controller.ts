import { Controller, Get, Header, Inject } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { EventStore } from '../../core/event-store';
import { KafkaPublisher } from '../../infrastructure/kafka/kafka-publisher';
import { ProjectionRunner } from '../../infrastructure/read-models/projection-runner';
import { EVENT_STORE, KAFKA_PUBLISHER } from '../../infrastructure/tokens';

/** Prometheus metrics: process defaults, and how far each follower of the event log is behind. */
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(KAFKA_PUBLISHER) kafka: KafkaPublisher | null,
    projections: ProjectionRunner,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'casetrail_' });
    const registers = [this.registry];
    new Gauge({
      name: 'casetrail_event_log_head_position',
      help: 'Position of the last event in the log',
      registers,
      async collect() {
        this.set(Number(await store.headPosition()));
      },
    });
    new Gauge({
      name: 'casetrail_projection_lag_events',
      help: 'Events in the log the read models have not applied yet',
      registers,
      async collect() {
        this.set(Math.max(0, Number(await store.headPosition()) - Number(projections.position)));
      },
    });
    new Gauge({
      name: 'casetrail_read_model_rebuild_percent',
      help: 'How far each read model rebuilt in the background has got (0–100); absent when none is',
      labelNames: ['read_model'],
      registers,
      collect() {
        this.reset();
        for (const rebuild of projections.getStatus().rebuilding ?? []) {
          for (const readModel of rebuild.readModels) this.set({ read_model: readModel }, rebuild.percent);
        }
      },
    });
    if (kafka) {
      new Gauge({
        name: 'casetrail_kafka_lag_events',
        help: 'Events in the log not yet acknowledged by Kafka',
        registers,
        collect() {
          this.set(Number(kafka.getStatus().lag));
        },
      });
      new Gauge({
        name: 'casetrail_kafka_publishing',
        help: '1 while integration events are being published, 0 while paused (broker unreachable)',
        registers,
        collect() {
          this.set(kafka.getStatus().state === 'running' ? 1 : 0);
        },
      });
    }
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
