import { EventEmitter } from 'node:events';
import { EventStore, RecordedEvent } from '../../core/event-store';
import { ReadModelDb, ReadModelProjection } from './database';
import { LiveFeed } from './live-feed';

export interface ProjectionStatus {
  state: 'starting' | 'running' | 'retrying' | 'stopped';
  position: string;
  error?: string;
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

interface Logger {
  log(message: string): void;
  error(message: string, trace?: string): void;
}

/**
 * Follows the global log and feeds every projection, each event in one transaction together with
 * the checkpoints, so a crash neither loses nor repeats an event. A projection whose version changed
 * is emptied and rebuilt from the start.
 */
export class ProjectionRunner {
  private readonly checkpoints = new Map<string, bigint>();
  private readonly progress = new EventEmitter();
  private controller?: AbortController;
  private loop?: Promise<void>;
  private status: ProjectionStatus = { state: 'starting', position: '-1' };
  /** What the read models have applied, for live subscribers: published after each batch commits. */
  readonly feed: LiveFeed;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly projections: ReadModelProjection[],
    private readonly logger: Logger,
  ) {
    this.progress.setMaxListeners(0);
    this.feed = new LiveFeed(store);
  }

  /** Lowest position every projection has applied. */
  get position(): bigint {
    let lowest: bigint | undefined;
    for (const p of this.projections) {
      const checkpoint = this.checkpoints.get(p.name) ?? -1n;
      if (lowest === undefined || checkpoint < lowest) lowest = checkpoint;
    }
    return lowest ?? -1n;
  }

  getStatus(): ProjectionStatus {
    return { ...this.status, position: this.position.toString() };
  }

  async init(): Promise<void> {
    await ensureCheckpointTable(this.db);
    for (const projection of this.projections) {
      await projection.setup(this.db);
      const row = await this.db.selectFrom('projection_checkpoints').selectAll().where('name', '=', projection.name).executeTakeFirst();
      if (row && Number(row.version) === projection.version) {
        this.checkpoints.set(projection.name, BigInt(row.position));
        continue;
      }
      if (row) this.logger.log(`Rebuilding read model ${projection.name} (version ${row.version} → ${projection.version})`);
      await this.db.transaction().execute(async (tx) => {
        for (const table of projection.tables) await tx.deleteFrom(table).execute();
        await tx.deleteFrom('projection_checkpoints').where('name', '=', projection.name).execute();
        await tx.insertInto('projection_checkpoints').values({ name: projection.name, version: projection.version, position: -1 }).execute();
      });
      this.checkpoints.set(projection.name, -1n);
    }
    this.feed.startAt(this.position);
  }

  /**
   * Applies everything already in the log, then returns. Events go in batches, one transaction each:
   * a rebuild or a start after a long stop is bound by reading, not by commits.
   */
  async catchUp(batchSize = 500, onBatch?: (position: bigint, events: number) => void): Promise<void> {
    let batch: RecordedEvent[] = [];
    const flush = async () => {
      await this.applyBatch(batch);
      onBatch?.(batch[batch.length - 1].position, batch.length);
      batch = [];
    };
    for await (const event of this.store.readAll({ after: this.position })) {
      batch.push(event);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
  }

  /**
   * Follows the log live in the background until stopped. If the store or the read-model database fails
   * (a lost connection), it reports `retrying` and starts again from the checkpoint after a backoff:
   * the transaction that failed moved nothing, so nothing is skipped or applied twice.
   */
  start(): void {
    this.controller = new AbortController();
    const signal = this.controller.signal;
    this.status = { state: 'running', position: this.position.toString() };
    this.loop = (async () => {
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
          failures++;
          this.status = { state: 'retrying', position: this.position.toString(), error: (error as Error).message };
          if (failures === 1) this.logger.error(`Projections paused at position ${this.position}, retrying: ${(error as Error).message}`, (error as Error).stack);
          await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 200 * 2 ** Math.min(failures, 8))));
        }
      }
      this.status = { state: 'stopped', position: this.position.toString() };
    })();
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
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

  private async applyBatch(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].position;
    const due = this.projections.filter((p) => this.checkpoints.get(p.name)! < last);
    if (due.length === 0) return;
    // Each projection's own events of the batch: projections own separate tables, so only the order
    // within one projection matters.
    const work = due.map((p) => [p, events.filter((event) => this.checkpoints.get(p.name)! < event.position && p.canHandle(event))] as const).filter(([, mine]) => mine.length > 0);
    if (work.length > 0) {
      await this.db.transaction().execute(async (tx) => {
        for (const [projection, mine] of work) {
          if (projection.applyBatch) await projection.applyBatch(mine, tx);
          else for (const event of mine) await projection.apply(event, tx);
        }
        await tx
          .updateTable('projection_checkpoints')
          .set({ position: Number(last) })
          .where('name', 'in', due.map((p) => p.name))
          .execute();
      });
    }
    // Events no projection handles move the checkpoints in memory only; they are persisted with the next
    // handled event, and re-reading the skipped ones after a restart changes nothing.
    for (const p of due) this.checkpoints.set(p.name, last);
    this.progress.emit('advanced');
    this.feed.publish(events, last);
  }
}
