import { progressBar } from '../../src/cli/progress-bar';

/** Where stderr is not a terminal (a log file, CI), progress is plain lines: at the start, every 10 s, at the end. */
describe('progress without a terminal', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes a plain line at the start, then at most one every 10 seconds, and one at the end', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const bar = progressBar('replaying {bar} {percentage}% | {value}/{total} positions | {events} events, {rate} events/s', stream);
    bar.start(200, 0, { events: 0, rate: 0 });
    now += 4_000;
    bar.update(50, { events: 50, rate: 12 });
    now += 6_000;
    bar.update(120, { events: 120, rate: 12 });
    now += 1_000;
    bar.update(190, { events: 190, rate: 17 });
    bar.stop();
    bar.stop();
    expect(lines).toEqual([
      'replaying 0% | 0/200 positions | 0 events, 0 events/s\n',
      'replaying 60% | 120/200 positions | 120 events, 12 events/s\n',
      'replaying 95% | 190/200 positions | 190 events, 17 events/s\n',
    ]);
  });
});
