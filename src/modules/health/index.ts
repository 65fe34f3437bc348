/** health: liveness, readiness and metrics for operators. Nest controllers only, mounted by the application module. */
export { HealthController } from './health.controller';
export { MetricsController } from './metrics.controller';
