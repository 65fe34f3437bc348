import { progressBar } from './progress-bar';
import { describeLocation, loadConfig } from '../config';
import { openEventStore } from '../infrastructure/event-store/open-event-store';
import { allProjections } from '../read-models';
import { replayReadModels } from '../infrastructure/read-models/read-model-replay';

/** `casetrail replay`: every read model rebuilt from the log into new tables, then switched over while the service runs. */
export async function runReplay(opts: { env: NodeJS.ProcessEnv; out: (t: string) => void }): Promise<void> {
  const config = loadConfig(opts.env);
  const store = await openEventStore(config.eventStore);
  const bar = progressBar('replaying {bar} {percentage}% | {value}/{total} positions | {events} events, {rate} events/s');
  const started = Date.now();
  try {
    const head = await store.headPosition();
    bar.start(Number(head < 0n ? 0n : head), 0, { events: 0, rate: 0 });
    const result = await replayReadModels({
      store,
      location: config.readModels,
      projections: allProjections,
      onProgress: (p) =>
        bar.update(Number(p.position), { events: p.events, rate: Math.round(p.events / Math.max((Date.now() - started) / 1000, 0.001)) }),
    });
    bar.stop();
    opts.out(
      `Replayed ${result.events} events from ${describeLocation(config.eventStore)} into new read models in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s); switched over ${result.tables} tables at position ${result.position}.\n`,
    );
  } finally {
    bar.stop();
    await store.close();
  }
}
