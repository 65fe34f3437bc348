import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { redactUrl } from './core/redact';
import { ClockPolicy, DEFAULT_CLOCK_POLICY, LimitUnit } from './modules/time-limits';

/**
 * Limits on what one request may ask, so that no request can take the service down. All are checked
 * while the request is parsed and validated, before any resolver runs; each refusal has its own code.
 */
export interface RequestLimits {
  /** Nesting of selections (`cases { edges { node { history { actor { id } } } } }` is 6). */
  maxDepth: number;
  /**
   * Estimated cost: 2 per object field and 1 per scalar, times 1.5 per level of nesting (graphql-armor's
   * measure). A page of cases with applicant, time limit and history costs about 10,000.
   */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens in the document: caps the parser's work on a huge query. */
  maxTokens: number;
  /** Operations defined in one document, and documents in one HTTP request (batching is off). */
  maxOperations: number;
  /** Top-level fields of one operation: no request runs many mutations at once. */
  maxRootFields: number;
  /** A query or mutation not answered within this time is answered REQUEST.TIMEOUT. */
  resolverTimeoutMs: number;
  /** WebSocket: the largest message a client may send, in kB; a larger one closes the socket (1009) before it is read. */
  wsMaxMessageKb: number;
  /** WebSocket: subscriptions running at once on one connection; more are refused (SUBSCRIPTION.TOO_MANY). */
  wsMaxSubscriptionsPerConnection: number;
  /** WebSocket: subscriptions running at once for one user, over all their connections to this instance. */
  wsMaxSubscriptionsPerUser: number;
  /** WebSocket: connections open at once for one user to this instance; one more is closed with 4429. */
  wsMaxConnectionsPerUser: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxDepth: 8,
  maxCost: 20_000,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2000,
  maxOperations: 1,
  maxRootFields: 10,
  resolverTimeoutMs: 10_000,
  // A subscribe message is a small document and its variables; connection_init carries one token.
  wsMaxMessageKb: 64,
  // A wall board follows about six feeds; a person with a board and two consoles open, about twenty.
  wsMaxSubscriptionsPerConnection: 20,
  wsMaxSubscriptionsPerUser: 50,
  wsMaxConnectionsPerUser: 10,
};

/** Everything the service reads from its environment, resolved once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  eventStore: EventStoreLocation;
  readModels: StoreLocation;
  catalogPath: string;
  /** The scoring rules file (考核细则), versions recorded at start-up. */
  scoringRulesPath: string;
  calendarPath?: string;
  jwtSecret: string;
  /** Where the SQLite files and the generated JWT secret live. */
  dataDir: string;
  logLevel: string;
  production: boolean;
  /**
   * The GraphQL IDE (GraphiQL) at /console/graphiql/, for integrators: on in development, off in production
   * unless CASETRAIL_GRAPHIQL=on. On, it also lets signed-in callers introspect the schema, which the IDE needs.
   */
  graphiql: boolean;
  clockPolicy: ClockPolicy;
  /** How often the deadline watcher looks for warnings to issue; 0 turns it off. */
  deadlineCheckSeconds: number;
  /**
   * A read model further behind the log than this many events at start-up (rebuilt after a version
   * change, new, or after a long stop) is brought up to date in the background; a smaller lag is caught
   * up before the service listens.
   */
  backgroundRebuildFrom: number;
  /** 整改: working days a bad rating's rectification may take after verification (5 and 15 are both in use). */
  rectifyWorkingDays: number;
  /**
   * 投诉答复: how long an ordinary complaint may wait for its answer. SPEC §7 says 3 calendar days (当日或三天
   *内), moved to the next working day when it ends on a rest day; a center that counts working days says so.
   */
  complaintAnswer: { days: number; unit: LimitUnit };
  /** 首问负责: working days a visit routed to a window may stay open before the leaders are told (督办). */
  consultationFollowUpWorkingDays: number;
  /** What one GraphQL request may ask (depth, cost, aliases …) and how long it may run. */
  requestLimits: RequestLimits;
  /** The Ed25519 private key (PEM, PKCS#8) that signs audit checkpoints; generated in the data directory unless given. */
  auditKey: { path: string; given: boolean };
  /** How often the global log is sealed by a signed checkpoint, when new events arrived; 0 turns it off. */
  auditCheckpointSeconds: number;
  /** Integration events to Kafka; absent when KAFKA_BROKERS is not set. */
  kafka?: { brokers: string[]; topic: string; clientId: string; replicationFactor: number; minInsyncReplicas: number };
}

/** Where SQL lives: events (embedded or self-hosted) and every read model. */
export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
/** Where events live: a SQL store, or EventStoreDB (`esdb://`, or `esdb+discover://` for a cluster). */
export type EventStoreLocation = StoreLocation | { kind: 'eventstoredb'; url: string };

export class ConfigError extends Error {}

/** The directory holding package.json: the schema and the demo catalog are found from here. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new ConfigError('Cannot find the casetrail package root');
    dir = up;
  }
  return dir;
}

export function parseEventStoreUrl(url: string, variable: string): EventStoreLocation {
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) return { kind: 'eventstoredb', url };
  return parseStoreUrl(url, variable, 'sqlite:<file>, postgres://…, esdb://…');
}

export function parseStoreUrl(url: string, variable: string, supported = 'sqlite:<file>, postgres://…'): StoreLocation {
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!rest) throw new ConfigError(`${variable}: give a file, e.g. sqlite:./data/casetrail.db`);
    return { kind: 'sqlite', path: rest === ':memory:' ? rest : resolve(rest) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url };
  const scheme = url.split(':')[0];
  throw new ConfigError(`${variable}: unsupported store "${scheme}:" (supported: ${supported})`);
}

/**
 * Read models live beside the events: in the same PostgreSQL database, or in a SQLite file next to the
 * events. EventStoreDB holds no tables, so its read models default to a SQLite file in the data
 * directory; a deployment at scale sets READ_MODEL_URL to PostgreSQL.
 */
function readModelsBeside(store: EventStoreLocation, dataDir: string): StoreLocation {
  if (store.kind === 'eventstoredb') return { kind: 'sqlite', path: join(dataDir, 'casetrail.read-models.db') };
  if (store.kind === 'postgres' || store.path === ':memory:') return store;
  return { kind: 'sqlite', path: store.path.replace(/(\.db)?$/, '.read-models.db') };
}

export function describeLocation(location: EventStoreLocation): string {
  return location.kind === 'sqlite' ? location.path : redactUrl(location.url);
}

/**
 * The JWT secret: CASETRAIL_JWT_SECRET, or one generated on first use and kept in the data
 * directory so that `casetrail token` and the server agree without any set-up.
 */
function resolveJwtSecret(env: NodeJS.ProcessEnv, dataDir: string, generate: boolean): string {
  const given = env.CASETRAIL_JWT_SECRET;
  if (given !== undefined) {
    if (given.length < 32) throw new ConfigError('CASETRAIL_JWT_SECRET must be at least 32 characters');
    return given;
  }
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file) && !generate) {
    throw new ConfigError(
      `No token secret at ${file}: the service has not run with this data directory, so a token signed here would be refused. ` +
        'Run this where the service runs (with its EVENT_STORE_URL or CASETRAIL_DATA_DIR), start the service once first, or set CASETRAIL_JWT_SECRET to its secret.',
    );
  }
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process (a second server, `casetrail token`) created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

function numberFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  { min, max, integer = true }: { min: number; max: number; integer?: boolean },
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`${name} must be a${integer ? ' whole' : ''} number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** SPEC §5's configurable numbers; the defaults are the SPEC's. */
/** An on/off setting: on, off (also true/false, 1/0); unset gives the default. */
function switchFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['on', 'true', '1'].includes(raw)) return true;
  if (['off', 'false', '0'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off, not "${env[name]}"`);
}

function clockPolicyFrom(env: NodeJS.ProcessEnv): ClockPolicy {
  const d = DEFAULT_CLOCK_POLICY;
  return {
    ...d,
    supplementNoticeWorkingDays: numberFrom(env, 'CASETRAIL_SUPPLEMENT_NOTICE_DAYS', d.supplementNoticeWorkingDays, { min: 1, max: 30 }),
    yellowRemainingWorkingDays: numberFrom(env, 'CASETRAIL_YELLOW_DAYS_LEFT', d.yellowRemainingWorkingDays, { min: 0, max: 30 }),
    yellowUsedShare: numberFrom(env, 'CASETRAIL_YELLOW_SHARE_USED', d.yellowUsedShare, { min: 0.1, max: 1, integer: false }),
    escalationCenterWorkingDays: numberFrom(env, 'CASETRAIL_ESCALATION_CENTER_DAYS', d.escalationCenterWorkingDays, { min: 1, max: 60 }),
  };
}

function complaintAnswerFrom(env: NodeJS.ProcessEnv): AppConfig['complaintAnswer'] {
  const unit = env.CASETRAIL_COMPLAINT_ANSWER_UNIT || 'natural_days';
  if (unit !== 'natural_days' && unit !== 'working_days')
    throw new ConfigError(`CASETRAIL_COMPLAINT_ANSWER_UNIT must be natural_days or working_days, got "${unit}"`);
  return { days: numberFrom(env, 'CASETRAIL_COMPLAINT_ANSWER_DAYS', 3, { min: 1, max: 30 }), unit };
}

function requestLimitsFrom(env: NodeJS.ProcessEnv): RequestLimits {
  const d = DEFAULT_REQUEST_LIMITS;
  return {
    ...d,
    maxDepth: numberFrom(env, 'CASETRAIL_MAX_QUERY_DEPTH', d.maxDepth, { min: 2, max: 50 }),
    maxCost: numberFrom(env, 'CASETRAIL_MAX_QUERY_COST', d.maxCost, { min: 10, max: 1_000_000 }),
    maxAliases: numberFrom(env, 'CASETRAIL_MAX_ALIASES', d.maxAliases, { min: 0, max: 1000 }),
    maxTokens: numberFrom(env, 'CASETRAIL_MAX_QUERY_TOKENS', d.maxTokens, { min: 50, max: 100_000 }),
    resolverTimeoutMs: numberFrom(env, 'CASETRAIL_RESOLVER_TIMEOUT_MS', d.resolverTimeoutMs, { min: 100, max: 600_000 }),
    wsMaxMessageKb: numberFrom(env, 'CASETRAIL_WS_MAX_MESSAGE_KB', d.wsMaxMessageKb, { min: 4, max: 1024 }),
    wsMaxSubscriptionsPerConnection: numberFrom(env, 'CASETRAIL_WS_MAX_SUBSCRIPTIONS', d.wsMaxSubscriptionsPerConnection, {
      min: 1,
      max: 1000,
    }),
    wsMaxSubscriptionsPerUser: numberFrom(env, 'CASETRAIL_WS_MAX_SUBSCRIPTIONS_PER_USER', d.wsMaxSubscriptionsPerUser, {
      min: 1,
      max: 10_000,
    }),
    wsMaxConnectionsPerUser: numberFrom(env, 'CASETRAIL_WS_MAX_CONNECTIONS_PER_USER', d.wsMaxConnectionsPerUser, { min: 1, max: 1000 }),
  };
}

function kafkaFrom(env: NodeJS.ProcessEnv): AppConfig['kafka'] {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) return undefined;
  for (const broker of brokers) if (!/^[\w.-]+:\d+$/.test(broker)) throw new ConfigError(`KAFKA_BROKERS: "${broker}" is not host:port`);
  const topic = env.KAFKA_TOPIC ?? 'casetrail.cases';
  if (!/^[\w.-]{1,249}$/.test(topic)) throw new ConfigError(`KAFKA_TOPIC: "${topic}" is not a valid topic name`);
  return {
    brokers,
    topic,
    clientId: env.KAFKA_CLIENT_ID ?? 'casetrail',
    replicationFactor: numberFrom(env, 'KAFKA_REPLICATION_FACTOR', 1, { min: 1, max: 10 }),
    minInsyncReplicas: numberFrom(env, 'KAFKA_MIN_INSYNC_REPLICAS', 1, { min: 1, max: 10 }),
  };
}

/**
 * The service's settings from the environment. `generateSecret: false` for tools that must use the
 * server's token secret and never make one of their own (`casetrail token`).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { generateSecret = true }: { generateSecret?: boolean } = {}): AppConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const eventStore = parseEventStoreUrl(env.EVENT_STORE_URL ?? 'sqlite:./data/casetrail.db', 'EVENT_STORE_URL');
  const dataDir = resolve(
    env.CASETRAIL_DATA_DIR ?? (eventStore.kind === 'sqlite' && eventStore.path !== ':memory:' ? dirname(eventStore.path) : './data'),
  );
  const readModels = env.READ_MODEL_URL ? parseStoreUrl(env.READ_MODEL_URL, 'READ_MODEL_URL') : readModelsBeside(eventStore, dataDir);
  const catalogPath = resolve(env.CASETRAIL_CATALOG ?? join(packageRoot(), 'catalog/demo-catalog.yaml'));
  if (!existsSync(catalogPath)) throw new ConfigError(`CASETRAIL_CATALOG: no such file ${catalogPath}`);
  const scoringRulesPath = resolve(env.CASETRAIL_SCORING_RULES ?? join(packageRoot(), 'scoring/rules.yaml'));
  if (!existsSync(scoringRulesPath)) throw new ConfigError(`CASETRAIL_SCORING_RULES: no such file ${scoringRulesPath}`);
  const calendarPath = env.CASETRAIL_CALENDAR ? resolve(env.CASETRAIL_CALENDAR) : undefined;
  const auditKey = env.CASETRAIL_AUDIT_KEY
    ? { path: resolve(env.CASETRAIL_AUDIT_KEY), given: true }
    : { path: join(dataDir, 'audit-signing-key.pem'), given: false };
  if (auditKey.given && !existsSync(auditKey.path)) throw new ConfigError(`CASETRAIL_AUDIT_KEY: no such file ${auditKey.path}`);
  if (calendarPath && !existsSync(calendarPath)) throw new ConfigError(`CASETRAIL_CALENDAR: no such file ${calendarPath}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    eventStore,
    readModels,
    catalogPath,
    scoringRulesPath,
    calendarPath,
    jwtSecret: resolveJwtSecret(env, dataDir, generateSecret),
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    production: env.NODE_ENV === 'production',
    graphiql: switchFrom(env, 'CASETRAIL_GRAPHIQL', env.NODE_ENV !== 'production'),
    clockPolicy: clockPolicyFrom(env),
    requestLimits: requestLimitsFrom(env),
    rectifyWorkingDays: numberFrom(env, 'CASETRAIL_RECTIFY_WORKING_DAYS', 5, { min: 1, max: 60 }),
    complaintAnswer: complaintAnswerFrom(env),
    consultationFollowUpWorkingDays: numberFrom(env, 'CASETRAIL_CONSULTATION_FOLLOW_UP_DAYS', 3, { min: 1, max: 60 }),
    deadlineCheckSeconds: numberFrom(env, 'CASETRAIL_DEADLINE_CHECK_SECONDS', 60, { min: 0, max: 86_400 }),
    backgroundRebuildFrom: numberFrom(env, 'CASETRAIL_BACKGROUND_REBUILD_FROM', 10_000, { min: 0, max: 1_000_000_000 }),
    auditKey,
    auditCheckpointSeconds: numberFrom(env, 'CASETRAIL_AUDIT_CHECKPOINT_SECONDS', 300, { min: 0, max: 86_400 }),
    kafka: kafkaFrom(env),
  };
}
