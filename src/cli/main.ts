import { Command, InvalidArgumentError } from 'commander';
import { userInfo } from 'node:os';
import { loadConfig, packageRoot } from '../config';
import { ROLES, Role, signToken } from '../infrastructure/auth/tokens';

const TOKEN_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'system');

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** What a token of this role must name to be good for anything; null when it names it. */
function tokenScopeMissing(opts: { role: Role; center?: string; window?: string; centers?: string[] }): string | null {
  if ((opts.role === 'staff' || opts.role === 'window_lead') && (!opts.center || !opts.window)) {
    return `a ${opts.role} token needs --center and --window (where the user works): without them it can act on no case`;
  }
  if (opts.role === 'center_leader' && !opts.center) return 'a center_leader token needs --center: without it it can act on no case';
  if (opts.role === 'oversight' && !opts.centers?.length)
    return 'an oversight token needs --centers (the centers it is assigned): without them it can read nothing';
  return null;
}

/** An option's value as a whole number of 0 or more, or a usage error. */
function wholeNumber(value: string): number {
  if (!/^\d{1,4}$/.test(value)) throw new InvalidArgumentError('must be a whole number (0 or more)');
  return Number(value);
}

/** `casetrail <command>`: serve, token, simulate, verify, checkpoint, public-key, export, replay, scenarios, bench. */
export function buildCli(io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Command {
  const program = new Command('casetrail')
    .description('Case handling and e-supervision backend for government service centers')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('serve')
    .description('serve the GraphQL API (same as npm start)')
    .action(async () => {
      const { serve } = await import('../main');
      await serve();
    });

  program
    .command('token')
    .description('print a bearer token signed with the configured secret (CASETRAIL_JWT_SECRET or the one in the data directory)')
    .requiredOption('--user <id>', 'user id (the subject)')
    .requiredOption('--role <role>', `one of ${TOKEN_ROLES.join(', ')}`, (value: string) => {
      if (!TOKEN_ROLES.includes(value as Role))
        throw new InvalidArgumentError(`must be one of ${TOKEN_ROLES.join(', ')} (system is for the service's own processes)`);
      return value as Role;
    })
    .option('--center <id>', 'center the user belongs to')
    .option('--window <id>', 'window the user works at')
    .option('--centers <ids>', 'oversight only: comma-separated centers it is assigned', (v: string) =>
      v
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .option('--expires-in <duration>', 'lifetime, at most 24h, e.g. 30m, 12h', '12h')
    .option('--link', 'print a link that opens the console signed in with it (the token in the fragment, never sent to the server)')
    .action(
      (opts: { user: string; role: Role; center?: string; window?: string; centers?: string[]; expiresIn: string; link?: boolean }) => {
        const missing = tokenScopeMissing(opts);
        if (missing) throw new Error(missing);
        const config = loadConfig(env, { generateSecret: false });
        const token = signToken(
          config.jwtSecret,
          { user: opts.user, role: opts.role, center: opts.center, window: opts.window, centers: opts.centers },
          opts.expiresIn,
        );
        const base = env.CASETRAIL_URL?.replace(/\/graphql$/, '') ?? `http://localhost:${config.port}`;
        io.out(opts.link ? `${base}/console/#token=${token}\n` : `${token}\n`);
      },
    );

  program
    .command('simulate')
    .description('fill the configured store with realistic traffic over the catalog (backfilled, marked as simulated)')
    .option('--days <n>', 'days of history up to today', (v) => Number(v), 60)
    .option('--cases-per-day <n>', 'new cases per working day', (v) => Number(v), 300)
    .option('--centers <ids>', 'comma-separated center ids', 'c1')
    .option('--seed <n>', 'random seed (the same seed, on an empty store, gives the same traffic)', (v) => Number(v))
    .action(async (opts: { days: number; casesPerDay: number; centers: string; seed?: number }) => {
      const { runSimulation } = await import('./simulate.command');
      await runSimulation({ ...opts, env, out: io.out });
    });

  program
    .command('verify')
    .description(
      "check every stream's hash chain and every signed checkpoint of the configured store; names the first bad event (exit code 1)",
    )
    .option(
      '--public-key <file-or-base64>',
      "the Ed25519 public key checkpoints must be signed with (default: the configured signing key's)",
    )
    .option('--json', 'print the report as JSON')
    .option('--dossier <file>', 'check an exported case dossier instead, offline, on its own')
    .option(
      '--workers <n>',
      'worker threads recomputing the hashes (default on SQLite: one per core up to 4 from 10,000 events; on PostgreSQL: none; 0: this thread only)',
      wholeNumber,
    )
    .action(async (opts: { publicKey?: string; json?: boolean; dossier?: string; workers?: number }) => {
      const { runVerify, runVerifyDossier } = await import('./audit.command');
      const ok = opts.dossier
        ? runVerifyDossier({ file: opts.dossier, publicKey: opts.publicKey, json: opts.json, out: io.out })
        : await runVerify({ ...opts, env, out: io.out, err: io.err });
      if (!ok) process.exitCode = 1;
    });

  program
    .command('public-key')
    .description('print the public half of the audit signing key and its id, to publish for the oversight office')
    .action(async () => {
      const { SigningKey } = await import('../modules/oversight');
      const { auditKey } = loadConfig(env);
      const key = SigningKey.load(auditKey.path, { generate: !auditKey.given });
      io.out(`${key.publicKey}\nkey id ${key.keyId}\n`);
    });

  program
    .command('export')
    .description(
      'write a case dossier: every event with its hashes, the signed checkpoint and the inclusion proof (JSON), and a page for the file (HTML)',
    )
    .requiredOption('--case <id or receipt number>', 'the case, by its id or its receipt number (受理编号)')
    .requiredOption('--reason <text>', 'why it is exported (recorded in the log)')
    .option('--by <name>', 'who exports it (recorded in the log)', userInfo().username)
    .option(
      '--out <file>',
      'the JSON file, with every number in full (default <data dir>/dossiers/dossier-<receipt number>.json; mode 600)',
    )
    .option('--html <file>', "the HTML file (default: the JSON file's name with .html)")
    .action(async (opts: { case: string; reason: string; by: string; out?: string; html?: string }) => {
      const { runExport } = await import('./audit.command');
      await runExport({ caseId: opts.case, reason: opts.reason, by: opts.by, jsonFile: opts.out, htmlFile: opts.html, env, out: io.out });
    });

  program
    .command('checkpoint')
    .description('seal the log now with a signed checkpoint (the service does so every CASETRAIL_AUDIT_CHECKPOINT_SECONDS)')
    .action(async () => {
      const { runCheckpoint } = await import('./audit.command');
      await runCheckpoint({ env, out: io.out });
    });

  program
    .command('replay')
    .description('rebuild every read model from the log into new tables, then switch over; the service keeps answering throughout')
    .action(async () => {
      const { runReplay } = await import('./replay.command');
      await runReplay({ env, out: io.out });
    });

  program
    .command('scenarios')
    .description(
      "auditors' scenario files: given catalog items and calendar additions, when commands, then due dates, states, warnings and refusals (docs/scenarios)",
    )
    .command('run')
    .description("run scenario files against an in-memory store with the service's own rules and calendar; exit code 1 if one fails")
    .argument('<files...>', 'scenario files (YAML)')
    .option('--junit <file>', 'also write a JUnit XML report, for CI')
    .action(async (files: string[], opts: { junit?: string }) => {
      const { runScenarios } = await import('./scenarios/scenarios.command');
      process.exitCode = await runScenarios({ files, junit: opts.junit, out: io.out, err: io.err });
    });

  program
    .command('bench')
    .description('every figure of docs/benchmarks.md in one run (or one part of it: --store, --filled, --http, --fan-out)')
    .option('--store', 'only the embedded store: appends one at a time, with group commit, and through the command path')
    .option('--commands <n>', 'commands per --store run', (v) => Number(v), 20000)
    .option('--concurrency <n>', 'commands in flight at once in --store', (v) => Number(v), 256)
    .option('--filled', 'only the store filled by simulate: reading, rebuilding, verifying and exporting it')
    .option('--http', 'only the service over HTTP: submitCase and a trivial query at 1, 16 and 64 clients')
    .option('--requests <n>', 'requests per HTTP run', (v) => Number(v), 2000)
    .option('--fan-out', 'only live fan-out: centerEvents subscribers while 20 submissions a second arrive')
    .option('--subscribers <list>', 'numbers of subscribers for --fan-out', (v) => v.split(',').map(Number), [0, 200, 1000])
    .option('--seconds <n>', 'seconds of submissions per --fan-out run', (v) => Number(v), 15)
    .option('--rounds <n>', 'rounds, taking turns; medians are printed', (v) => Number(v), 3)
    .option(
      '--against <checkout>',
      "with --http or --fan-out: also measure another checkout's build (its dist/main.js), round by round with this one",
    )
    .option('--profile <dir>', 'with --http or --fan-out: run the service with --cpu-prof, writing its profiles to <dir>')
    .option('--days <n>', 'days of simulated traffic (300 cases a day) in the filled store', (v) => Number(v), 60)
    .option('--report <file>', 'also write the summary table (Markdown) to this file')
    .action(
      async (opts: {
        store?: boolean;
        filled?: boolean;
        commands: number;
        concurrency: number;
        http?: boolean;
        requests: number;
        fanOut?: boolean;
        subscribers: number[];
        seconds: number;
        rounds: number;
        against?: string;
        profile?: string;
        days: number;
        report?: string;
      }) => {
        const { join, resolve } = await import('node:path');
        const builds = [
          { label: 'this build', main: join(packageRoot(), 'dist/main.js') },
          ...(opts.against ? [{ label: 'against', main: join(resolve(opts.against), 'dist/main.js') }] : []),
        ];
        const profileDir = opts.profile && resolve(opts.profile);
        if (opts.store) {
          const { runBench } = await import('./bench');
          await runBench({ ...opts, out: io.out });
        } else if (opts.http) {
          const { runHttpBench } = await import('./bench-http');
          await runHttpBench({ requests: opts.requests, concurrencies: [1, 16, 64], rounds: opts.rounds, builds, profileDir, out: io.out });
        } else if (opts.fanOut) {
          const { runFanOutBench } = await import('./bench-http');
          await runFanOutBench({
            subscribers: opts.subscribers,
            perSecond: 20,
            seconds: opts.seconds,
            rounds: opts.rounds,
            builds,
            profileDir,
            out: io.out,
          });
        } else {
          const { runSuite } = await import('./bench-suite');
          const postgresUrl =
            env.CASETRAIL_BENCH_POSTGRES_URL ?? env.CASETRAIL_TEST_POSTGRES_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;
          await runSuite({
            rounds: opts.rounds,
            days: opts.days,
            requests: opts.requests,
            report: opts.report && resolve(opts.report),
            postgresUrl,
            filledOnly: opts.filled,
            out: io.out,
          });
        }
      },
    );

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (code !== undefined) process.exit(code);
    process.stderr.write(`casetrail: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (require.main === module) void runCli(process.argv);
