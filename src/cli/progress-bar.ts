import { Presets, SingleBar } from 'cli-progress';

type Payload = Record<string, number | string>;

/** What the commands use of a progress bar. */
export interface Progress {
  start(total: number, value: number, payload?: Payload): void;
  update(value: number, payload?: Payload): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 10_000;

/**
 * A progress bar on stderr for an operator at a terminal. Where stderr is a log file or a pipe (cron, a
 * service manager, CI), one plain line at the start, every 10 seconds and at the end instead, so that a
 * long run still shows it moves. cli-progress's own non-terminal mode draws from a timer, which never
 * fires while a command reads the store without pausing; this one writes from `update`.
 * `format` is cli-progress's; `{bar}` is left out of the plain lines.
 */
export function progressBar(format: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) return new SingleBar({ format, hideCursor: true, stream }, Presets.shades_classic);
  const template = format.replace(/\{bar\}\s*/g, '').trim();
  let total = 0;
  let value = 0;
  let payload: Payload = {};
  let lastLine = 0;
  let running = false;
  const line = () => {
    const values: Payload = { ...payload, value, total, percentage: total > 0 ? Math.floor((value / total) * 100) : 0 };
    stream.write(`${template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole))}\n`);
    lastLine = Date.now();
  };
  return {
    start(t, v, p = {}) {
      [total, value, payload, running] = [t, v, { ...payload, ...p }, true];
      line();
    },
    update(v, p = {}) {
      [value, payload] = [v, { ...payload, ...p }];
      if (running && Date.now() - lastLine >= PLAIN_EVERY_MS) line();
    },
    stop() {
      if (!running) return;
      running = false;
      line();
    },
  };
}
