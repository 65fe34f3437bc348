import { Kafka, logLevel, Producer } from 'kafkajs';
import { EventStore, RecordedEvent, collect } from '../../core/event-store';
import { ReadModelDb } from '../read-models/database';
import { ensureCheckpointTable } from '../read-models/projection-runner';

/**
 * The integration event published for a recorded event, or undefined for none: the modules' contract
 * (docs/integration-events.md), given by the composition root. It goes on the topic as JSON, keyed by
 * its case id.
 */
export type IntegrationMapper = (event: RecordedEvent) => { id: string; type: string; caseId: string } | undefined;

export interface KafkaPublisherOptions {
  brokers: string[];
  topic: string;
  clientId?: string;
  /** For the topic when the publisher creates it: 3 in production, with min.insync.replicas 2. */
  replicationFactor?: number;
  minInsyncReplicas?: number;
  partitions?: number;
  batchSize?: number;
  /** How long to wait for new events when caught up. */
  idleMs?: number;
}

export interface PublisherStatus {
  state: 'starting' | 'running' | 'retrying' | 'stopped';
  /** Last position the broker acknowledged. */
  position: string;
  /** Events in the log not yet acknowledged. */
  lag: string;
  lastError?: string;
}

interface Logger {
  log(message: string): void;
  warn(message: string): void;
}

const CHECKPOINT = 'kafka-publisher';

/**
 * Publishes integration events to Kafka from the event log, at least once and in order per case
 * (key = case id, idempotent producer, acks from all in-sync replicas). The checkpoint moves only after
 * the broker has acknowledged, so a crash or a broker outage delays publication and loses nothing;
 * consumers de-duplicate by the event id.
 */
export class KafkaPublisher {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private checkpoint = -1n;
  private head = -1n;
  private state: PublisherStatus['state'] = 'starting';
  private lastError?: string;
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly options: KafkaPublisherOptions,
    private readonly logger: Logger,
    private readonly toIntegrationEvent: IntegrationMapper,
  ) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'casetrail',
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 3, initialRetryTime: 200 },
    });
  }

  getStatus(): PublisherStatus {
    return {
      state: this.state,
      position: this.checkpoint.toString(),
      lag: (this.head > this.checkpoint ? this.head - this.checkpoint : 0n).toString(),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  async start(): Promise<void> {
    await ensureCheckpointTable(this.db);
    const row = await this.db.selectFrom('projection_checkpoints').select('position').where('name', '=', CHECKPOINT).executeTakeFirst();
    if (row) this.checkpoint = BigInt(row.position);
    else await this.db.insertInto('projection_checkpoints').values({ name: CHECKPOINT, version: 1, position: -1 }).execute();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.producer?.disconnect().catch(() => undefined);
    this.state = 'stopped';
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.connect();
        const published = await this.publishBatch();
        failures = 0;
        this.state = 'running';
        this.lastError = undefined;
        if (!published) await this.idle(this.options.idleMs ?? 200);
      } catch (error) {
        failures++;
        this.state = 'retrying';
        this.lastError = (error as Error).message;
        if (failures === 1) this.logger.warn(`Kafka publication paused (${(error as Error).message}); retrying, nothing is lost`);
        await this.producer?.disconnect().catch(() => undefined);
        this.producer = undefined;
        this.head = await this.store.headPosition().catch(() => this.head);
        await this.idle(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
      }
    }
  }

  private async connect(): Promise<void> {
    if (this.producer) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      if (!topics.includes(this.options.topic)) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: [
            {
              topic: this.options.topic,
              numPartitions: this.options.partitions ?? 6,
              replicationFactor: this.options.replicationFactor ?? 1,
              configEntries: [{ name: 'min.insync.replicas', value: String(this.options.minInsyncReplicas ?? 1) }],
            },
          ],
        });
      }
    } finally {
      await admin.disconnect();
    }
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    this.producer = producer;
    this.logger.log(
      `Publishing integration events to ${this.options.topic} on ${this.options.brokers.join(',')} from position ${this.checkpoint + 1n}`,
    );
  }

  /** Sends the next batch and, once acknowledged, moves the checkpoint. False when there was nothing to read. */
  private async publishBatch(): Promise<boolean> {
    const events = await collect(this.store.readAll({ after: this.checkpoint, maxCount: this.options.batchSize ?? 500 }));
    this.head = await this.store.headPosition();
    if (events.length === 0) return false;
    const messages = events.flatMap((event) => {
      const integration = this.toIntegrationEvent(event);
      return integration
        ? [
            {
              key: integration.caseId,
              value: JSON.stringify(integration),
              headers: { 'event-id': integration.id, 'event-type': integration.type },
            },
          ]
        : [];
    });
    if (messages.length > 0) await this.producer!.send({ topic: this.options.topic, acks: -1, messages });
    const last = events[events.length - 1].position;
    await this.db
      .updateTable('projection_checkpoints')
      .set({ position: Number(last) })
      .where('name', '=', CHECKPOINT)
      .execute();
    this.checkpoint = last;
    return true;
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
