import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, signToken } from '../../src/infrastructure/auth/tokens';
import { freePort } from './environment';
import { eventually } from './eventually';
import { adminQuery, databaseUrl } from './postgres';
import { Client } from 'pg';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown } }>;
}

const ROOT = join(__dirname, '../..');

/**
 * The real service, built (`npm run build`) and started as its own process with `node dist/main.js`
 * on a temporary SQLite database, listening on loopback. Stopped with SIGTERM, as in production.
 */
export class TestService {
  readonly dir = mkdtempSync(join(tmpdir(), 'casetrail-e2e-'));
  readonly secret = 'e2e-secret-'.padEnd(40, 'x');
  url!: string;
  output = '';
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  private port?: number;

  /** CASETRAIL_E2E_STORE=postgres runs the service on PostgreSQL (events and read models), one fresh database each. */
  readonly onPostgres = process.env.CASETRAIL_E2E_STORE === 'postgres';
  private database?: string;
  /** Set on a sibling: the service whose store this one shares. */
  private storeOf?: TestService;

  constructor(private env: Record<string, string> = {}) {}

  /**
   * Another service process on this one's event store and read models, with the same settings: two
   * instances of one deployment. Start it after this one has started once.
   */
  sibling(): TestService {
    const other = new TestService({ ...this.env });
    other.storeOf = this;
    return other;
  }

  /** The data directory (secret, signing key, dossiers): a sibling shares its first instance's, as one deployment does. */
  get dataDir(): string {
    return this.storeOf?.dataDir ?? this.dir;
  }

  /**
   * What a command-line tool run beside this service needs, as an operator sets it: the same store, data
   * directory and token secret, and the service's URL (`CASETRAIL_URL`) once it has started.
   */
  async cliEnv(): Promise<Record<string, string>> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? this.dir,
      EVENT_STORE_URL: await this.storeUrl(),
      CASETRAIL_DATA_DIR: this.dataDir,
      CASETRAIL_JWT_SECRET: this.secret,
      ...(this.url ? { CASETRAIL_URL: this.url } : {}),
      ...this.env,
    };
  }

  /** Settings for the next start (as an operator would change them before a restart). */
  setEnv(vars: Record<string, string>): void {
    this.env = { ...this.env, ...vars };
  }

  /** Stops the service, throws every read model away, and starts again: they are rebuilt from the log. */
  async rebuildReadModels(): Promise<void> {
    await this.stop();
    await this.dropReadModels();
    await this.start();
  }

  /** Throws every read model away (the service must be stopped): as a store that never had any. */
  async dropReadModels(): Promise<void> {
    if (this.onPostgres) {
      const client = new Client({ connectionString: await this.storeUrl() });
      await client.connect();
      try {
        const { rows } = await client.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'events'`,
        );
        for (const { table_name } of rows) await client.query(`DROP TABLE "${table_name}" CASCADE`);
      } finally {
        await client.end();
      }
    } else {
      for (const file of readdirSync(this.dir)) if (file.startsWith('casetrail.read-models.db')) rmSync(join(this.dir, file));
    }
  }

  private async storeUrl(): Promise<string> {
    if (this.storeOf) return this.storeOf.storeUrl();
    if (!this.onPostgres) return `sqlite:${join(this.dir, 'casetrail.db')}`;
    if (!this.database) {
      this.database = `casetrail_e2e_${randomBytes(5).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${this.database}`);
    }
    return databaseUrl(this.database);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ??= await freePort();
    this.url = `${this.baseUrl}/graphql`;
    const child = spawn(process.execPath, [join(ROOT, 'dist/main.js')], {
      cwd: this.dir,
      env: {
        PATH: process.env.PATH,
        EVENT_STORE_URL: await this.storeUrl(),
        CASETRAIL_DATA_DIR: this.dataDir,
        CASETRAIL_JWT_SECRET: this.secret,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const exitedEarly = this.exited.then((code) => {
      throw new Error(`service exited with ${code}:\n${this.output}`);
    });
    const ready = eventually(
      async () => {
        const res = await fetch(`${this.baseUrl}/health/live`);
        if (!res.ok) throw new Error(`health ${res.status}`);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    exitedEarly.catch(() => undefined);
    await Promise.race([ready, exitedEarly]);
    return this;
  }

  /** SIGTERM, then wait for the process to finish its requests and exit. */
  async stop(): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill('SIGTERM');
    return this.exited!;
  }

  /** Runs `casetrail <args>` against this service's store, from its directory, as an operator would. */
  async cli(...args: string[]): Promise<{ status: number | null; out: string; err: string }> {
    const env = await this.cliEnv();
    // Asynchronous, so that a test can keep sending requests while the command runs.
    const child = spawn(process.execPath, [join(ROOT, 'bin/casetrail.js'), ...args], {
      cwd: this.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    clearTimeout(timer);
    return { status, out, err };
  }

  /** kill -9: no shutdown, no last checkpoint, connections cut as a crash cuts them. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async cleanup(): Promise<void> {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
    if (this.database) await adminQuery(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
  }

  token(
    role: Role = 'staff',
    user = 'staff-a',
    extra: { center?: string; window?: string; centers?: string[] } = { center: 'c1', window: 'civil-affairs' },
  ): string {
    return signToken(this.secret, { user, role, ...extra });
  }

  async gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = this.token(),
  ): Promise<GraphQLResponse<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }

  /** One figure of the service's /metrics, as printed. */
  async metric(name: string): Promise<string> {
    const text = await (await fetch(`${this.baseUrl}/metrics`)).text();
    const found = new RegExp(`^${name} (\\S+)`, 'm').exec(text);
    if (!found) throw new Error(`/metrics has no ${name}`);
    return found[1];
  }

  /** The log's head position: a subscription with `after` set to it gets exactly what is recorded next. */
  /**
   * Runs mutation `name` with its input type `<Name>Input`, a fresh command id and `input`, selecting
   * `select` from its payload.
   */
  mutate<T = Record<string, any>>(
    name: string,
    input: Record<string, unknown>,
    select: string,
    token: string | null = this.token(),
  ): Promise<GraphQLResponse<T>> {
    const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
    return this.gql<T>(
      `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );
  }

  logHead(): Promise<string> {
    return this.metric('casetrail_event_log_head_position');
  }

  /** Waits until the read models have applied every event recorded so far. */
  async projectionsCaughtUp(timeoutMs = 15_000): Promise<void> {
    await eventually(async () => expect(await this.metric('casetrail_projection_lag_events')).toBe('0'), { timeoutMs, intervalMs: 50 });
  }

  /** Runs an operation that must succeed and returns its first field. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await this.gql(query, variables, token);
    if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return Object.values(res.data!)[0] as T;
  }
}

/** The stable code of a response's first error, if any. */
export function errorCode(res: { errors?: Array<{ extensions?: { code?: string } }> }): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}
