import { progressBar } from './progress-bar';
import { readFileSync } from 'node:fs';
import { describeLocation, loadConfig } from '../config';
import { openEventStore } from '../infrastructure/event-store/open-event-store';
import { parseCatalogFile } from '../modules/catalog';
import { loadCalendar } from '../modules/time-limits';
import { simulate } from './simulate';

export async function runSimulation(opts: {
  days: number;
  casesPerDay: number;
  centers: string;
  seed?: number;
  env: NodeJS.ProcessEnv;
  out: (t: string) => void;
}) {
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 3650) throw new Error('--days must be a whole number from 1 to 3650');
  if (!Number.isInteger(opts.casesPerDay) || opts.casesPerDay < 1 || opts.casesPerDay > 100_000)
    throw new Error('--cases-per-day must be a whole number from 1 to 100000');
  const config = loadConfig(opts.env);
  const store = await openEventStore(config.eventStore);
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const centers = opts.centers
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const bar = progressBar('simulating {bar} {value}/{total} days | {cases} cases, {events} events');
  const started = Date.now();
  let daysDone = 0;
  bar.start(opts.days, 0, { cases: 0, events: 0 });
  try {
    const stats = await simulate({
      store,
      calendar: loadCalendar(config.calendarPath),
      items: parseCatalogFile(readFileSync(config.catalogPath, 'utf8'), config.catalogPath),
      days: opts.days,
      casesPerDay: opts.casesPerDay,
      centers,
      seed,
      now: new Date(),
      policy: config.clockPolicy,
      onDay: (_day, s) => bar.update(++daysDone, { cases: s.cases, events: s.events }),
    });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    opts.out(
      [
        `Simulated ${opts.days} days into ${describeLocation(config.eventStore)} (seed ${seed}, centers ${centers.join(', ')}):`,
        `  ${stats.cases} cases, ${stats.events} events in ${seconds.toFixed(1)} s (${Math.round(stats.events / seconds)} events/s)`,
        `  ${stats.rejected} rejected, ${stats.supplements} supplement notices (${stats.lateNotices} late), ${stats.terminated} terminated, ${stats.withdrawn} withdrawn`,
        `  ${stats.suspensions} suspensions, ${stats.extensions} extensions, ${stats.lateCompletions} completed late`,
        `  ${stats.warnings} yellow and ${stats.breaches} red warnings; ${stats.open} cases still open`,
        ...(stats.leftAlone > 0
          ? [`  ${stats.leftAlone} cases changed meanwhile by a service running on this store, simulated no further`]
          : []),
        `Start the service (npm start) with the same EVENT_STORE_URL to see them.`,
        '',
      ].join('\n'),
    );
  } finally {
    bar.stop();
    await store.close();
  }
}
