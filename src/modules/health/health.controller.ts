import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EventStore } from '../../core/event-store';
import { ProjectionRunner } from '../../infrastructure/read-models/projection-runner';
import { InFlightRequests } from '../../infrastructure/http/in-flight';
import { AppConfig } from '../../config';
import { CONFIG, EVENT_STORE } from '../../infrastructure/tokens';

/** /health/live: the process answers. /health/ready and /health: the store answers and the read models follow the log. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly projections: ProjectionRunner,
    private readonly inFlight: InFlightRequests,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get(['', 'ready'])
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicator.check('eventStore');
        try {
          await this.store.ping();
          return check.up({ kind: this.config.eventStore.kind });
        } catch (error) {
          return check.down({ kind: this.config.eventStore.kind, message: (error as Error).message });
        }
      },
      async () => {
        const check = this.indicator.check('projections');
        const status = this.projections.getStatus();
        return status.state === 'running' ? check.up({ position: status.position }) : check.down({ ...status });
      },
      async () => {
        const check = this.indicator.check('service');
        return this.inFlight.isClosing ? check.down({ message: 'shutting down' }) : check.up({ inFlight: this.inFlight.size });
      },
    ]);
  }
}
