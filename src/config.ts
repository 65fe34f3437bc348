import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';

/** Everything the service reads from its environment, resolved once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  eventStore: StoreLocation;
  readModels: StoreLocation;
  catalogPath: string;
  calendarPath?: string;
  jwtSecret: string;
  /** Where the SQLite files and the generated JWT secret live. */
  dataDir: string;
  logLevel: string;
  production: boolean;
}

export type StoreLocation = { kind: 'sqlite'; path: string };

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

export function parseStoreUrl(url: string, variable: string): StoreLocation {
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!rest) throw new ConfigError(`${variable}: give a file, e.g. sqlite:./data/casetrail.db`);
    return { kind: 'sqlite', path: rest === ':memory:' ? rest : resolve(rest) };
  }
  const scheme = url.split(':')[0];
  throw new ConfigError(`${variable}: unsupported store "${scheme}:" (supported: sqlite:<file>)`);
}

function readModelsBeside(store: StoreLocation): StoreLocation {
  if (store.path === ':memory:') return store;
  return { kind: 'sqlite', path: store.path.replace(/(\.db)?$/, '.read-models.db') };
}

/**
 * The JWT secret: CASETRAIL_JWT_SECRET, or one generated on first use and kept in the data
 * directory so that `casetrail token` and the server agree without any set-up.
 */
function resolveJwtSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  const given = env.CASETRAIL_JWT_SECRET;
  if (given !== undefined) {
    if (given.length < 32) throw new ConfigError('CASETRAIL_JWT_SECRET must be at least 32 characters');
    return given;
  }
  const file = join(dataDir, 'jwt-secret');
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const eventStore = parseStoreUrl(env.EVENT_STORE_URL ?? 'sqlite:./data/casetrail.db', 'EVENT_STORE_URL');
  const readModels = env.READ_MODEL_URL ? parseStoreUrl(env.READ_MODEL_URL, 'READ_MODEL_URL') : readModelsBeside(eventStore);
  const dataDir = resolve(env.CASETRAIL_DATA_DIR ?? (eventStore.path === ':memory:' ? './data' : dirname(eventStore.path)));
  const catalogPath = resolve(env.CASETRAIL_CATALOG ?? join(packageRoot(), 'catalog/demo-catalog.yaml'));
  if (!existsSync(catalogPath)) throw new ConfigError(`CASETRAIL_CATALOG: no such file ${catalogPath}`);
  const calendarPath = env.CASETRAIL_CALENDAR ? resolve(env.CASETRAIL_CALENDAR) : undefined;
  if (calendarPath && !existsSync(calendarPath)) throw new ConfigError(`CASETRAIL_CALENDAR: no such file ${calendarPath}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    eventStore,
    readModels,
    catalogPath,
    calendarPath,
    jwtSecret: resolveJwtSecret(env, dataDir),
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    production: env.NODE_ENV === 'production',
  };
}
