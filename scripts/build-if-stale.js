// `npm start` compiles only when the sources changed since the last build: a start with nothing changed
// does not spend seconds in the TypeScript compiler. The build is incremental either way.
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync, existsSync, writeFileSync, utimesSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// tsc leaves its build info untouched when nothing changed, so the time of the last build is kept apart.
const stamp = join(root, 'dist/.built');

// src/generated/ is written by the build itself, from schema/: schema/ is the input, not it.
const generated = join(root, 'src/generated');

function newest(path) {
  if (path === generated) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

const inputs = ['src', 'schema', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
const built = existsSync(stamp) && existsSync(join(root, 'dist/main.js')) ? statSync(stamp).mtimeMs : 0;
if (built > 0 && inputs.every((p) => newest(p) <= built)) process.exit(0);

console.error('Compiling casetrail (sources changed since the last build)');
const started = new Date();
const types = spawnSync(process.execPath, [join(root, 'scripts/generate-schema-types.js')], { stdio: 'inherit' });
if (types.status !== 0) process.exit(types.status ?? 1);
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
// Stamped with the time the compile began: a source saved during it is newer, and is compiled next time.
if (tsc.status === 0) {
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
}
process.exit(tsc.status ?? 1);
