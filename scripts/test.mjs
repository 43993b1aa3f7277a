// `pnpm test`: everything CI proves, on a machine with only Node.js (plus Chromium for the browser tests).
//  1. build all packages            2. lint and typecheck
//  3. unit tests of every package   4. BFF integration tests: embedded PostgreSQL, in-process cache/event bus
//  5. BFF integration tests on PORTICO_TEST_DATABASE_URL + PORTICO_TEST_REDIS_URL, when those are set
//  6. end-to-end tests in Chromium against the whole stack (sandbox, BFF on embedded PostgreSQL, portal)
// Ends with one line `N passed, N failed` summing every runner's counts.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, run, runPnpm, startStack } from './lib/stack.mjs';

// `pnpm test -- --only=unit,int,e2e` runs a subset (build always runs unless `--only` omits it explicitly).
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const wants = (name) => !only || only.has(name);

const resultsDir = path.join(repoRoot, 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const phases = [];

function readJest(file) {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + (json.numTodoTests ?? 0) };
}

function readPlaywright(file) {
  if (!existsSync(file)) return null;
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
}

async function phase(name, fn, { counts } = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name} ===`);
  let ok = true;
  try {
    await fn();
  } catch (error) {
    ok = false;
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const c = counts?.() ?? null;
  if (c) {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    if (ok && c.failed > 0) failures.push(`${name}: ${c.failed} failed`);
    if (!ok && c.failed === 0) totals.failed += 1; // the runner failed without counting a test
  }
  phases.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - t0) / 1000).toFixed(0)} s)${c ? `: ${c.passed} passed, ${c.failed} failed` : ''}`);
  return ok;
}

const noServices = { DATABASE_URL: '', REDIS_URL: '' };
const withoutServices = () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  return env;
};

if (wants('build')) {
  const built = await phase('build', () => runPnpm(['run', 'build']));
  if (!built) finish();
}
if (wants('lint')) await phase('lint', () => runPnpm(['run', 'lint']));
if (wants('typecheck')) await phase('typecheck', () => runPnpm(['run', 'typecheck']));

for (const pkg of wants('unit') ? ['domain', 'sandbox', 'bff', 'portal'] : []) {
  const out = path.join(resultsDir, `unit-${pkg}.json`);
  const dir = pkg === 'domain' ? 'packages/domain' : `apps/${pkg}`;
  await phase(
    `unit tests: ${pkg}`,
    () => run(process.execPath, ['--experimental-vm-modules', path.join(repoRoot, dir, 'node_modules/jest/bin/jest.js'), '--ci', '--passWithNoTests', '--json', `--outputFile=${out}`], { cwd: path.join(repoRoot, dir), env: withoutServices() }),
    { counts: () => readJest(out) },
  );
}

const bffDir = path.join(repoRoot, 'apps/bff');
const jestBin = path.join(bffDir, 'node_modules/jest/bin/jest.js');
if (wants('int')) {
  const out = path.join(resultsDir, 'int-embedded.json');
  await phase(
    'BFF integration tests: embedded PostgreSQL, in-process cache and event bus',
    () => run(process.execPath, ['--experimental-vm-modules', jestBin, '-c', 'jest.int.config.cjs', '--ci', '--runInBand', '--json', `--outputFile=${out}`], { cwd: bffDir, env: withoutServices() }),
    { counts: () => readJest(out) },
  );
}
if (!wants('int')) {
  // skipped by --only
} else if (process.env.PORTICO_TEST_REDIS_URL) {
  const out = path.join(resultsDir, 'int-redis.json');
  const env = { ...withoutServices(), REDIS_URL: process.env.PORTICO_TEST_REDIS_URL };
  if (process.env.PORTICO_TEST_DATABASE_URL) env.DATABASE_URL = process.env.PORTICO_TEST_DATABASE_URL;
  await phase(
    `BFF integration tests: ${env.DATABASE_URL ? 'server PostgreSQL' : 'embedded PostgreSQL'}, Redis cache and event bus`,
    () => run(process.execPath, ['--experimental-vm-modules', jestBin, '-c', 'jest.int.config.cjs', '--ci', '--runInBand', '--json', `--outputFile=${out}`], { cwd: bffDir, env }),
    { counts: () => readJest(out) },
  );
} else {
  phases.push('skip BFF integration tests on Redis (set PORTICO_TEST_REDIS_URL to run them)');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!wants('e2e')) {
  // skipped by --only
} else if (existsSync(chromium)) {
  const out = path.join(resultsDir, 'e2e.json');
  await phase(
    'end-to-end tests in Chromium',
    async () => {
      const dataDir = path.join(repoRoot, '.data', `e2e-postgres-${process.pid}`);
      const stack = await startStack({
        ports: { sandbox: 4110, bff: 4010, portal: 3010 },
        env: { ...noServices, EMBEDDED_PG_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '54339', LOG_LEVEL: 'warn' },
        quiet: true,
      });
      try {
        await run(process.execPath, [path.join(repoRoot, 'apps/portal/node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json'], {
          cwd: path.join(repoRoot, 'apps/portal'),
          env: { ...process.env, PORTAL_URL: stack.urls.portal, SANDBOX_URL: stack.urls.sandbox, PLAYWRIGHT_JSON_OUTPUT_NAME: out, CHROMIUM_PATH: chromium },
        });
      } finally {
        await stack.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { counts: () => readPlaywright(out) },
  );
} else {
  const message = `end-to-end tests need Chromium at ${chromium} (Debian: apt-get install -y chromium)`;
  if (process.env.CI) failures.push(message);
  phases.push(`skip ${message}`);
}

finish();

function finish() {
  console.log('\n=== summary ===');
  for (const line of phases) console.log(line);
  for (const line of failures) console.log(`failure: ${line}`);
  if (failures.length > 0 && totals.failed === 0) totals.failed = failures.length;
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failures.length > 0 ? 1 : 0);
}
