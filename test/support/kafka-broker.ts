import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Availability, describeWhenAvailable, freePort } from './environment';
import { eventually } from './eventually';
import { Tool, toolsAvailability } from './tools';

/**
 * A real Apache Kafka 3.9 broker (KRaft, single node) on 127.0.0.1 for the tests. The jars come from
 * Maven Central through `mvn dependency:copy-dependencies` and are cached in ~/.cache/casetrail-test.
 */
const LIB = join(homedir(), '.cache/casetrail-test/kafka-3.9.1/lib');
const POM = join(__dirname, 'kafka/pom.xml');

let fetched: Availability | undefined;

/**
 * Whether a broker can run here: java and mvn, the broker's jars (fetched once), and, for suites that read
 * the topic back with kcat, kcat.
 */
export function kafkaAvailability(options: { readWithKcat?: boolean } = {}): Availability {
  const tools: Tool[] = ['java', 'mvn', ...(options.readWithKcat ? (['kcat'] as const) : [])];
  const installed = toolsAvailability(...tools);
  if (!installed.ok) return installed;
  if (!fetched) {
    fetched = { ok: true };
    if (!existsSync(LIB) || readdirSync(LIB).length < 20) {
      const fetch = spawnSync('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${LIB}`], {
        encoding: 'utf8',
        timeout: 300_000,
      });
      if (fetch.status !== 0)
        fetched = { ok: false, reason: `cannot fetch Apache Kafka with Maven: ${(fetch.stdout + fetch.stderr).slice(-300)}` };
    }
  }
  return fetched;
}

/** A suite that needs a real broker (and kcat, when it reads the topic back with it). */
export function describeWithKafka(name: string, suite: () => void, options: { readWithKcat?: boolean } = {}): void {
  describeWhenAvailable(name, kafkaAvailability(options), 'CASETRAIL_REQUIRE_KAFKA', suite);
}

export class KafkaBroker {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'casetrail-kafka-'));
  output = '';
  port = 0;

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts the broker; after `stop()`, starting again keeps its data and port (a broker outage and recovery). */
  async start(): Promise<this> {
    if (!this.port) {
      this.port = await freePort();
      const controller = await freePort();
      writeFileSync(
        join(this.dir, 'server.properties'),
        [
          'process.roles=broker,controller',
          'node.id=1',
          `controller.quorum.voters=1@127.0.0.1:${controller}`,
          `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${controller}`,
          `advertised.listeners=PLAINTEXT://127.0.0.1:${this.port}`,
          'controller.listener.names=CONTROLLER',
          'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
          `log.dirs=${join(this.dir, 'data')}`,
          'offsets.topic.replication.factor=1',
          'transaction.state.log.replication.factor=1',
          'transaction.state.log.min.isr=1',
          'group.initial.rebalance.delay.ms=0',
          'auto.create.topics.enable=false',
        ].join('\n'),
      );
      const format = spawnSync(
        'java',
        [
          '-cp',
          `${LIB}/*`,
          'kafka.tools.StorageTool',
          'format',
          '-t',
          'casetrail-test-cluster1',
          '-c',
          join(this.dir, 'server.properties'),
        ],
        { encoding: 'utf8' },
      );
      if (format.status !== 0) throw new Error(`cannot format Kafka storage: ${format.stderr}`);
    }
    const child = spawn('java', ['-Xmx512m', '-cp', `${LIB}/*`, 'kafka.Kafka', join(this.dir, 'server.properties')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    await eventually(
      () => {
        if (child.exitCode !== null) throw new Error(`Kafka exited with ${child.exitCode}: ${this.output.slice(-2000)}`);
        if (!/Transition from STARTING to STARTED/.test(this.output)) throw new Error('not started yet');
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.output = '';
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
