import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../../config';
import { EventStore } from '../../core/event-store';
import { InFlightRequests } from '../../infrastructure/http/in-flight';
import { KafkaPublisher } from '../../infrastructure/kafka/kafka-publisher';
import { ProjectionRunner } from '../../infrastructure/read-models/projection-runner';
import { CONFIG, EVENT_STORE, KAFKA_PUBLISHER } from '../../infrastructure/tokens';

/**
 * /health/live: the process answers. /health/ready: it can take requests (the store answers, the read
 * models follow the log, it is not shutting down), and which read models are being rebuilt, how far along. /health: all of that and the Kafka publisher, whose
 * outage delays integration events but does not stop the service, so it does not count for readiness.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(KAFKA_PUBLISHER) private readonly kafka: KafkaPublisher | null,
    private readonly projections: ProjectionRunner,
    private readonly inFlight: InFlightRequests,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.readiness());
  }

  @Get()
  @HealthCheck()
  all() {
    return this.health.check([...this.readiness(), ...(this.kafka ? [() => this.kafkaCheck(this.kafka!)] : [])]);
  }

  private readiness(): Array<() => Promise<HealthIndicatorResult>> {
    return [
      async () => {
        const check = this.indicator.check('eventStore');
        try {
          await this.store.ping();
          return check.up({ kind: this.config.eventStore.kind, head: (await this.store.headPosition()).toString() });
        } catch (error) {
          return check.down({ kind: this.config.eventStore.kind, message: (error as Error).message });
        }
      },
      async () => {
        const check = this.indicator.check('projections');
        const status = this.projections.getStatus();
        // A read model rebuilt in the background does not make the service unready: everything else
        // answers, and its own queries say READ_MODEL.REBUILDING. What is rebuilding, and how far, shows here.
        const rebuilding = status.rebuilding ? { rebuilding: status.rebuilding } : {};
        return status.state === 'running'
          ? check.up({ role: status.role, position: status.position, ...rebuilding })
          : check.down({ ...status });
      },
      async () => {
        const check = this.indicator.check('service');
        return this.inFlight.isClosing ? check.down({ message: 'shutting down' }) : check.up({ inFlight: this.inFlight.size });
      },
    ];
  }

  private async kafkaCheck(kafka: KafkaPublisher): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('kafka');
    const status = kafka.getStatus();
    return status.state === 'running' ? check.up({ ...status }) : check.down({ ...status });
  }
}
