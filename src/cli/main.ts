import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config';
import { ROLES, Role, signToken } from '../infrastructure/auth/tokens';

const TOKEN_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'system');

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** `casetrail <command>`: serve, token, bench. */
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
      if (!TOKEN_ROLES.includes(value as Role)) throw new InvalidArgumentError(`must be one of ${TOKEN_ROLES.join(', ')} (system is for the service's own processes)`);
      return value as Role;
    })
    .option('--center <id>', 'center the user belongs to')
    .option('--window <id>', 'window the user works at')
    .option('--centers <ids>', 'oversight only: comma-separated centers it is assigned', (v: string) => v.split(',').map((c) => c.trim()).filter(Boolean))
    .option('--expires-in <duration>', 'lifetime, at most 24h, e.g. 30m, 12h', '12h')
    .action((opts: { user: string; role: Role; center?: string; window?: string; centers?: string[]; expiresIn: string }) => {
      const { jwtSecret } = loadConfig(env);
      io.out(`${signToken(jwtSecret, { user: opts.user, role: opts.role, center: opts.center, window: opts.window, centers: opts.centers }, opts.expiresIn)}\n`);
    });

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
    .command('bench')
    .description('measure appends per second on the embedded store, raw and through the full command path')
    .option('--commands <n>', 'commands per run', (v) => Number(v), 20000)
    .option('--concurrency <n>', 'commands in flight at once', (v) => Number(v), 256)
    .action(async (opts: { commands: number; concurrency: number }) => {
      const { runBench } = await import('./bench');
      await runBench({ ...opts, out: io.out });
    });

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
