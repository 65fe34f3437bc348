import { EventEmitter } from 'node:events';
import { EventStore, RecordedEvent } from '../../core/event-store';
import { ReadModelDb, ReadModelProjection, underSchemaLock } from './database';
import { ReadModelGate, RebuildProgress } from './read-model-gate';
import { LiveFeed } from './live-feed';
import { LeaseLostError, ProjectionLease } from './projection-lease';
import { storeFailure } from '../store-failures';

export interface ProjectionStatus {
  state: 'starting' | 'running' | 'retrying' | 'stopped';
  /** `projecting`: this instance applies events to the read models; `following`: another does (see ProjectionLease). */
  role: 'projecting' | 'following';
  position: string;
  error?: string;
  /** Read models being brought up to date in the background, and how far they have got. */
  rebuilding?: RebuildProgress[];
}

export interface RunnerOptions {
  /**
   * A read model further behind the log than this many positions at start-up is brought up to date in
   * the background, its queries refused by `gate` meanwhile. Absent: always before `init` returns (the
   * CLI and the benchmarks, which wait for it anyway).
   */
  backgroundFrom?: number;
  gate?: ReadModelGate;
  /**
   * Rebuilds read models whose version changed into new tables beside the live ones and switches them in
   * (`casetrail replay`'s way), leaving their checkpoints where the new tables stand. Absent (an in-memory
   * database): rebuilt in place.
   */
  rebuildBeside?: (
    projections: ReadModelProjection[],
    onProgress: (position: bigint, head: bigint) => Promise<void>,
    signal: AbortSignal,
  ) => Promise<void>;
  /** Tunes the database for a rebuild in place (returning what undoes it), e.g. fewer WAL checkpoints. */
  duringRebuild?: () => Promise<() => Promise<void>>;
  /**
   * Shared by the instances of one deployment: only its holder applies events; the others follow (see
   * ProjectionLease). Absent (the CLI, the benchmarks): this runner always projects.
   */
  lease?: ProjectionLease;
  /** How often a follower looks at the lease and publishes what the holder applied, in ms. */
  followEveryMs?: number;
  /** A runner rebuilding read models beside the live one: its batches are fenced but say nothing of how far the whole has got. */
  fenceOnly?: boolean;
}

/** Where every follower of the log (projections, the Kafka publisher) keeps its position. */
export async function ensureCheckpointTable(db: ReadModelDb): Promise<void> {
  await db.schema
    .createTable('projection_checkpoints')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
}

/**
 * Events per transaction when read models are rebuilt away from requests (`casetrail replay`, the
 * benchmarks). A case's row is read, parsed and written once per batch, so larger batches write it fewer
 * times: on 104,852 simulated events, 1,000 a batch rebuilt at 16.0k events/s, 10,000 at 20.6k, 20,000 at
 * 24.9k, for about 125 MB more memory than 1,000.
 */
export const REBUILD_BATCH = 20_000;

/**
 * Events per transaction when the service rebuilds in the background. A batch runs on the thread that
 * serves requests, which wait for it (better-sqlite3 is synchronous). Measured on 104,852 events: 500 a
 * batch rebuilt in 7.1–7.3 s with `/health/live` at most 77–79 ms; 2,000 in 7.0–7.1 s, but 140–146 ms.
 */
export const BACKGROUND_BATCH = 500;

/** Called after each batch commits; a promise it returns is waited for before the next batch. */
export type OnBatch = (position: bigint, events: number) => void | Promise<void>;

interface Logger {
  log(message: string): void;
  warn?(message: string): void;
  error(message: string, trace?: string): void;
}

/** Read models left to bring up to date in the background, and how. */
interface BackgroundWork {
  projections: ReadModelProjection[];
  mode: RebuildProgress['mode'];
  progress: RebuildProgress;
}

/**
 * Follows the global log and feeds every projection, each batch in one transaction together with the
 * checkpoints, so a crash neither loses nor repeats an event.
 *
 * A projection whose version changed is rebuilt from the start; so is a new one. When that (or a long
 * stop) leaves a read model far behind the log, start-up does not wait for it: it is rebuilt in the
 * background, beside its old tables when it has any, while the service answers from the others, and
 * joins the live ones once caught up (see `RunnerOptions`).
 */
export class ProjectionRunner {
  private readonly checkpoints = new Map<string, bigint>();
  private readonly progress = new EventEmitter();
  private controller?: AbortController;
  private loop?: Promise<void>;
  private status: Omit<ProjectionStatus, 'role'> = { state: 'starting', position: '-1' };
  private role: ProjectionStatus['role'] = 'projecting';
  /** Whether the feed has been given its starting position (the first `init`). */
  private feedStarted = false;
  /** Aborted when this instance stops holding the lease. */
  private holding?: AbortController;
  private heartbeat?: NodeJS.Timeout;
  /** The projections fed live. The others are being rebuilt in the background. */
  private active: ReadModelProjection[];
  private background: BackgroundWork[] = [];
  private rebuilding?: Promise<void>;
  /** The last position the live loop has read, for when no projection is live yet. */
  private followed = -1n;
  /** Batches are applied one at a time: the live loop, start-up, and a rebuilt read model joining in. */
  private serial: Promise<unknown> = Promise.resolve();
  /** What the read models have applied, for live subscribers: published after each batch commits. */
  readonly feed: LiveFeed;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly projections: ReadModelProjection[],
    private readonly logger: Logger,
    private readonly options: RunnerOptions = {},
  ) {
    this.progress.setMaxListeners(0);
    this.feed = new LiveFeed(store);
    this.active = [...projections];
  }

  /** Lowest position every live projection has applied (on a follower: what the holder of the lease has). */
  get position(): bigint {
    if (this.role === 'following' || this.active.length === 0) return this.followed;
    let lowest: bigint | undefined;
    for (const p of this.active) {
      const checkpoint = this.checkpoints.get(p.name) ?? -1n;
      if (lowest === undefined || checkpoint < lowest) lowest = checkpoint;
    }
    return lowest!;
  }

  getStatus(): ProjectionStatus {
    const rebuilding = this.background.map((work) => ({ ...work.progress }));
    return { ...this.status, role: this.role, position: this.position.toString(), ...(rebuilding.length > 0 ? { rebuilding } : {}) };
  }

  /** Whether `name` is fed live (false while it is rebuilt in the background). */
  isLive(name: string): boolean {
    return this.active.some((p) => p.name === name);
  }

  /** Resolves once the read model `name` is fed live. */
  whenLive(name: string): Promise<void> {
    if (this.isLive(name)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!this.isLive(name)) return;
        this.progress.off('joined', check);
        resolve();
      };
      this.progress.on('joined', check);
    });
  }

  /**
   * Creates what is missing and reads every checkpoint. With a lease, only its holder goes on to decide
   * what to rebuild (`initProjecting`); the others follow (`initFollower`). All of it under the schema
   * lock, so that two instances starting together neither race on CREATE nor see tables half made.
   */
  async init(): Promise<void> {
    const lease = this.options.lease;
    await underSchemaLock(this.db, async () => {
      await ensureCheckpointTable(this.db);
      await lease?.ensureTable();
    });
    this.role = !lease || (await lease.acquire(-1n)) ? 'projecting' : 'following';
    if (this.role === 'projecting') this.holdLease();
    await underSchemaLock(this.db, () => (this.role === 'projecting' ? this.initProjecting() : this.initFollower()));
  }

  /**
   * Decides, per read model: up to date (fed live), behind by little (caught up by `catchUp` before the
   * service listens), or behind by more than `backgroundFrom` (left to `start`, and its tables closed to
   * queries until then).
   */
  private async initProjecting(): Promise<void> {
    const limit = this.options.backgroundFrom;
    const head = limit === undefined ? undefined : await this.store.headPosition();
    const inPlace: ReadModelProjection[] = [];
    const beside: ReadModelProjection[] = [];
    this.active = [];
    for (const projection of this.projections) {
      const row = await this.db.selectFrom('projection_checkpoints').selectAll().where('name', '=', projection.name).executeTakeFirst();
      const current = row !== undefined && Number(row.version) === projection.version;
      const checkpoint = current ? BigInt(row.position) : -1n;
      const inBackground = head !== undefined && head - checkpoint > BigInt(limit!);
      if (inBackground && !current && row && this.options.rebuildBeside) {
        // The old tables stay as they are until the new ones replace them.
        this.logger.log(
          `Read model ${projection.name} changed (version ${row.version} → ${projection.version}): rebuilding it in the background, beside the old tables`,
        );
        beside.push(projection);
        continue;
      }
      await projection.setup(this.db);
      if (!current) {
        if (row) this.logger.log(`Rebuilding read model ${projection.name} (version ${row.version} → ${projection.version})`);
        await this.db.transaction().execute(async (tx) => {
          for (const table of projection.tables) await tx.deleteFrom(table).execute();
          await tx.deleteFrom('projection_checkpoints').where('name', '=', projection.name).execute();
          await tx
            .insertInto('projection_checkpoints')
            .values({ name: projection.name, version: projection.version, position: -1 })
            .execute();
        });
      }
      this.checkpoints.set(projection.name, checkpoint);
      if (inBackground) inPlace.push(projection);
      else this.active.push(projection);
    }
    this.followed = head ?? -1n;
    this.background = [];
    for (const [projections, mode] of [
      [inPlace, 'in place'],
      [beside, 'beside'],
    ] as const) {
      if (projections.length === 0) continue;
      const progress: RebuildProgress = {
        readModels: projections.map((p) => p.name),
        mode,
        state: 'rebuilding',
        position: '-1',
        head: head!.toString(),
        percent: 0,
        startedAt: new Date().toISOString(),
      };
      this.background.push({ projections, mode, progress });
      for (const p of projections) this.options.gate?.close(p.name, p.tables, () => progress);
    }
    if (this.background.length > 0) {
      this.logger.log(
        `${this.background.flatMap((w) => w.progress.readModels).join(', ')}: behind the log by more than ${limit} events, brought up to date in the background; their queries answer READ_MODEL.REBUILDING until then`,
      );
    }
    if (!this.feedStarted) this.feed.startAt(this.position);
    this.feedStarted = true;
  }

  /**
   * Another instance projects: this one makes sure every table it will query exists (the holder may not
   * have got that far), and closes to queries those the holder has yet to bring up to date.
   */
  private async initFollower(): Promise<void> {
    const rows = await this.checkpointRows();
    for (const projection of this.projections) {
      const row = rows.get(projection.name);
      // A changed version is the holder's to rebuild; its old tables stay as they are until then.
      if (!row || row.version === projection.version) await projection.setup(this.db);
    }
    const lease = await this.options.lease!.read();
    this.followed = lease?.position ?? -1n;
    this.followGate(rows);
    if (!this.feedStarted) this.feed.startAt(this.followed);
    this.feedStarted = true;
    this.logger.log(`Another instance (${lease?.owner}) projects the read models: this one follows it, from position ${this.followed}`);
  }

  private async checkpointRows(): Promise<Map<string, { version: number; position: bigint }>> {
    const rows = await this.db.selectFrom('projection_checkpoints').selectAll().execute();
    return new Map(rows.map((r) => [r.name as string, { version: Number(r.version), position: BigInt(r.position) }]));
  }

  /**
   * On a follower: a read model the holder is still bringing up to date (a new version, or far behind)
   * answers READ_MODEL.REBUILDING here as it does there; the others are live.
   */
  private followGate(rows: Map<string, { version: number; position: bigint }>): void {
    const limit = BigInt(this.options.backgroundFrom ?? Number.MAX_SAFE_INTEGER);
    const wasLive = new Set(this.active.map((p) => p.name));
    this.active = [];
    for (const projection of this.projections) {
      const row = rows.get(projection.name);
      const behind = row && row.version === projection.version ? this.followed - row.position : undefined;
      if (behind !== undefined && behind <= limit) {
        this.active.push(projection);
        if (!wasLive.has(projection.name)) this.options.gate?.open(projection.tables);
        continue;
      }
      const applied = row && row.version === projection.version ? row.position : -1n;
      const progress: RebuildProgress = {
        readModels: [projection.name],
        mode: 'in place',
        state: 'rebuilding',
        position: applied.toString(),
        head: this.followed.toString(),
        percent: this.followed <= 0n ? 0 : Math.max(0, Math.min(99, Number(((applied + 1n) * 100n) / (this.followed + 1n)))),
        startedAt: new Date().toISOString(),
      };
      this.options.gate?.close(projection.name, projection.tables, () => progress);
    }
    if (this.active.some((p) => !wasLive.has(p.name))) this.progress.emit('joined');
  }

  /**
   * Applies everything already in the log, then returns. Events go in batches, one transaction each:
   * a rebuild or a start after a long stop is bound by reading, not by commits.
   */
  catchUp(batchSize = 500, onBatch?: OnBatch): Promise<void> {
    // A follower applies nothing: the holder of the lease does.
    if (this.role === 'following') return Promise.resolve();
    return this.exclusive(() => this.catchUpNow(batchSize, onBatch)).catch((error) => {
      if (!(error instanceof LeaseLostError)) throw error;
      this.becomeFollower(error.message);
    });
  }

  private becomeFollower(why: string): void {
    this.followed = this.position;
    this.role = 'following';
    this.holding?.abort();
    clearInterval(this.heartbeat);
    this.logger.warn?.(why);
  }

  /**
   * While this instance holds the lease: renews it every third of its time, and stops projecting
   * (`holding` aborts) when it finds it taken. Started as soon as the lease is taken, so a long catch-up
   * at start-up does not let it lapse.
   */
  private holdLease(): void {
    const lease = this.options.lease;
    if (!lease) return;
    this.holding = new AbortController();
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      lease.acquire(this.position).then(
        (held) => {
          if (!held && this.role === 'projecting') this.becomeFollower('Another instance holds the lease now: this one follows it');
        },
        () => undefined, // the database is unreachable: the next batch's fence decides
      );
    }, lease.ttlMs / 3);
    this.heartbeat.unref();
  }

  private async catchUpNow(batchSize: number, onBatch?: OnBatch): Promise<void> {
    let batch: RecordedEvent[] = [];
    const flush = async () => {
      await this.applyBatch(batch);
      await onBatch?.(batch[batch.length - 1].position, batch.length);
      batch = [];
    };
    for await (const event of this.store.readAll({ after: this.position })) {
      batch.push(event);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
  }

  /** Runs `work` after every batch already under way: two batches applied at once could apply an event twice. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work, work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /**
   * Follows the log live in the background until stopped, and brings the read models `init` left behind
   * up to date beside it. If the store or the read-model database fails (a lost connection), it reports
   * `retrying` and starts again from the checkpoint after a backoff: the transaction that failed moved
   * nothing, so nothing is skipped or applied twice.
   */
  start(): void {
    this.controller = new AbortController();
    const signal = this.controller.signal;
    this.status = { state: 'running', position: this.position.toString() };
    this.loop = this.options.lease ? this.takeTurns(signal) : this.project(signal);
  }

  /**
   * With a lease: projects while this instance holds it, follows while another does, and takes over when
   * the holder's lease lapses (it stopped, crashed or lost the database).
   */
  private async takeTurns(signal: AbortSignal): Promise<void> {
    const lease = this.options.lease!;
    while (!signal.aborted) {
      if (this.role === 'following') {
        await this.follow(signal);
        if (signal.aborted) break;
        // The lease is ours: the read models as the last holder left them, and on from there.
        try {
          this.holdLease();
          await underSchemaLock(this.db, () => this.initProjecting());
        } catch (error) {
          // The database failed in between: follow again, and take over at the next chance.
          this.holding?.abort();
          clearInterval(this.heartbeat);
          this.reportPause('Taking over the read models failed, following again', error);
          await pause(1000, signal);
          continue;
        }
        this.role = 'projecting';
        this.logger.warn?.(`This instance took over projecting the read models, at position ${this.position}`);
      }
      const holding = this.holding!;
      const stop = () => holding.abort();
      signal.addEventListener('abort', stop, { once: true });
      try {
        await this.project(holding.signal);
      } finally {
        signal.removeEventListener('abort', stop);
      }
      if (this.role === 'projecting' && !signal.aborted) this.becomeFollower('Another instance holds the lease now: this one follows it');
    }
    clearInterval(this.heartbeat);
    if (this.role === 'projecting') await lease.release().catch(() => undefined);
  }

  /**
   * On a follower, until the lease is free: publishes to this instance's subscribers what the holder has
   * applied, and keeps the gate as the holder's tables stand. Returns once this instance holds the lease.
   */
  private async follow(signal: AbortSignal): Promise<void> {
    const lease = this.options.lease!;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const state = await lease.read();
        if ((!state || state.expired) && (await lease.acquire(this.followed))) return;
        if (state && state.position > this.followed) await this.publishFollowed(state.position);
        this.followGate(await this.checkpointRows());
        if (failures > 0) this.logger.log(`Following again at position ${this.followed}`);
        failures = 0;
        this.status = { state: 'running', position: this.followed.toString() };
      } catch (error) {
        failures++;
        this.status = { state: 'retrying', position: this.followed.toString(), error: (error as Error).message };
        if (failures === 1) this.logger.warn?.(`Following paused at position ${this.followed}, retrying: ${(error as Error).message}`);
      }
      await pause(failures > 0 ? Math.min(30_000, 200 * 2 ** Math.min(failures, 8)) : (this.options.followEveryMs ?? 250), signal);
    }
  }

  /** What the holder has applied since the last look, to this instance's live subscribers. */
  private async publishFollowed(upTo: bigint): Promise<void> {
    let batch: RecordedEvent[] = [];
    for await (const event of this.store.readAll({ after: this.followed })) {
      if (event.position > upTo) break;
      batch.push(event);
      if (batch.length >= 500) {
        this.feed.publish(batch, event.position);
        this.followed = event.position;
        batch = [];
      }
    }
    this.feed.publish(batch, upTo);
    this.followed = upTo;
    this.progress.emit('advanced');
  }

  /** Applies the log live, until `signal` fires or another instance takes the lease. */
  private async project(signal: AbortSignal): Promise<void> {
    this.rebuilding = this.rebuildInBackground(signal);
    let failures = 0;
    while (!signal.aborted) {
      try {
        for await (const event of this.store.subscribeToAll({ after: this.position, signal })) {
          // Applied already with an earlier batch: here the subscription is only the wake-up.
          if (event.position <= this.position) continue;
          // Under load more events are in the log behind this one: they go together, in one transaction.
          await this.catchUp(500);
          if (failures > 0) {
            failures = 0;
            this.status = { state: 'running', position: this.position.toString() };
            this.logger.log(`Projections resumed at position ${this.position}`);
          }
        }
      } catch (error) {
        if (error instanceof LeaseLostError) return;
        failures++;
        this.status = { state: 'retrying', position: this.position.toString(), error: (error as Error).message };
        if (failures === 1) this.reportPause(`Projections paused at position ${this.position}, retrying`, error);
        await pause(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)), signal);
      }
    }
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    await this.rebuilding;
    clearInterval(this.heartbeat);
    this.status = { state: 'stopped', position: this.position.toString() };
  }

  /** One piece of background work after the other: each reads the whole log, and two at once would only share the same cores. */
  private async rebuildInBackground(signal: AbortSignal): Promise<void> {
    for (const work of [...this.background]) {
      const started = Date.now();
      let failures = 0;
      while (!signal.aborted) {
        try {
          const position = work.mode === 'beside' ? await this.rebuildBeside(work, signal) : await this.rebuildInPlace(work, signal);
          this.background = this.background.filter((w) => w !== work);
          const seconds = (Date.now() - started) / 1000;
          this.logger.log(
            `Read models ${work.progress.readModels.join(', ')} are up to date (position ${position}, after ${seconds.toFixed(1)} s) and answer queries again`,
          );
          break;
        } catch (error) {
          if (signal.aborted) return;
          failures++;
          Object.assign(work.progress, { state: 'retrying', error: (error as Error).message });
          this.reportPause(`Rebuilding ${work.progress.readModels.join(', ')} failed, retrying`, error);
          await pause(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), signal);
        }
      }
    }
  }

  /**
   * Records how far a rebuild has got, gives up at once when the service stops, and lets the requests
   * waiting meanwhile in. Reading a SQLite log and writing SQLite read models never waits for I/O: without
   * a turn of the event loop between batches, the whole rebuild would run before the next request.
   */
  private reporter(work: BackgroundWork, signal: AbortSignal): (position: bigint, head: bigint) => Promise<void> {
    let logged = 0;
    return async (position, head) => {
      if (signal.aborted) throw new Error('The service is stopping');
      const percent = head < 0n ? 99 : Math.min(99, Math.floor((Number(position + 1n) * 100) / Number(head + 1n)));
      Object.assign(work.progress, {
        state: 'rebuilding',
        error: undefined,
        position: position.toString(),
        head: head.toString(),
        percent,
      });
      if (percent >= logged + 10) {
        logged = percent - (percent % 10);
        this.logger.log(`Rebuilding ${work.progress.readModels.join(', ')}: ${percent}% (position ${position} of ${head})`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    };
  }

  /**
   * Brings the read models up to date in their own tables, with a runner of their own, while this one
   * feeds the others live; then, between two live batches, they join this runner. Each batch commits
   * with its checkpoint, so a restart goes on from where this stopped.
   */
  private async rebuildInPlace(work: BackgroundWork, signal: AbortSignal): Promise<bigint> {
    const own = new ProjectionRunner(this.store, this.db, work.projections, this.logger, { lease: this.options.lease, fenceOnly: true });
    const rows = await this.db
      .selectFrom('projection_checkpoints')
      .select(['name', 'position'])
      .where(
        'name',
        'in',
        work.projections.map((p) => p.name),
      )
      .execute();
    for (const row of rows) own.checkpoints.set(row.name as string, BigInt(row.position));
    const report = this.reporter(work, signal);
    const head = await this.store.headPosition();
    const undo = await this.options.duringRebuild?.();
    try {
      await own.catchUp(BACKGROUND_BATCH, (position) => report(position, head));
    } finally {
      await undo?.();
    }
    return this.exclusive(async () => {
      // What was recorded meanwhile; the live loop is between batches here.
      await own.catchUpNow(1000);
      for (const p of work.projections) this.checkpoints.set(p.name, own.checkpoints.get(p.name)!);
      this.join(work);
      return own.position;
    });
  }

  /** Builds new tables beside the old ones, switches them in (see `replayReadModels`), then they join this runner. */
  private async rebuildBeside(work: BackgroundWork, signal: AbortSignal): Promise<bigint> {
    await this.options.rebuildBeside!(work.projections, this.reporter(work, signal), signal);
    return this.exclusive(async () => {
      const names = work.projections.map((p) => p.name);
      const rows = await this.db.selectFrom('projection_checkpoints').select(['name', 'position']).where('name', 'in', names).execute();
      const switched = new Map(rows.map((r) => [r.name as string, BigInt(r.position)]));
      for (const p of work.projections) this.checkpoints.set(p.name, switched.get(p.name) ?? -1n);
      this.join(work);
      // The events the live loop applied to the others since the switch.
      await this.catchUpNow(500);
      return this.position;
    });
  }

  /** Read models caught up by a background rebuild are fed live from here on, and answer queries again. */
  private join(work: BackgroundWork): void {
    this.active.push(...work.projections);
    for (const p of work.projections) this.options.gate?.open(p.tables);
    this.progress.emit('joined');
  }

  /** Resolves once every projection has applied `position` (read-your-writes for callers that need it). */
  async waitFor(position: bigint, timeoutMs = 5000): Promise<void> {
    if (this.position >= position) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.progress.off('advanced', check);
        reject(new Error(`Read models did not reach position ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (this.position >= position) {
          clearTimeout(timer);
          this.progress.off('advanced', check);
          resolve();
        }
      };
      this.progress.on('advanced', check);
    });
  }

  /**
   * A store that is down or full is the operator's to fix and the runner's to wait out: a warning with
   * its code. Anything else is a bug: an error with its stack.
   */
  private reportPause(what: string, error: unknown): void {
    const failure = storeFailure(error);
    if (failure) (this.logger.warn ?? this.logger.log).call(this.logger, `${what}: ${failure.code}: ${(error as Error).message}`);
    else this.logger.error(`${what}: ${(error as Error).message}`, (error as Error).stack);
  }

  /** `position` once the projections `due` have applied up to `last`. */
  private positionAfter(due: ReadModelProjection[], last: bigint): bigint {
    let lowest = last;
    for (const p of this.active) {
      const checkpoint = due.includes(p) ? last : (this.checkpoints.get(p.name) ?? -1n);
      if (checkpoint < lowest) lowest = checkpoint;
    }
    return lowest;
  }

  private async applyBatch(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].position;
    const due = this.active.filter((p) => this.checkpoints.get(p.name)! < last);
    // Each projection's own events of the batch: projections own separate tables, so only the order
    // within one projection matters.
    const work = due
      .map((p) => [p, events.filter((event) => this.checkpoints.get(p.name)! < event.position && p.canHandle(event))] as const)
      .filter(([, mine]) => mine.length > 0);
    if (work.length > 0) {
      await this.db.transaction().execute(async (tx) => {
        for (const [projection, mine] of work) {
          if (projection.applyBatch) await projection.applyBatch(mine, tx);
          else for (const event of mine) await projection.apply(event, tx);
        }
        // Written only while this instance holds the lease (rolled back otherwise): see ProjectionLease.
        const lease = this.options.lease;
        if (lease) await lease.fence(tx, this.options.fenceOnly ? undefined : this.positionAfter(due, last));
        await tx
          .updateTable('projection_checkpoints')
          .set({ position: Number(last) })
          .where(
            'name',
            'in',
            due.map((p) => p.name),
          )
          .execute();
      });
    }
    // Events no projection handles move the checkpoints in memory only; they are persisted with the next
    // handled event, and re-reading the skipped ones after a restart changes nothing.
    for (const p of due) this.checkpoints.set(p.name, last);
    if (last > this.followed) this.followed = last;
    this.progress.emit('advanced');
    this.feed.publish(events, last);
  }
}

/** Waits `ms`, or less when `signal` fires. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
