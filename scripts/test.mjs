// `pnpm test`: everything CI proves, on a machine with only Node.js (plus Chromium for the browser tests).
//  1. build all packages            2. format check, lint and typecheck
//  3. unit tests of every package   4. BFF integration tests: embedded PostgreSQL, in-process cache/event bus
//  5. BFF integration tests on PORTICO_TEST_DATABASE_URL + PORTICO_TEST_REDIS_URL, when those are set
//  6. end-to-end tests in Chromium against the whole stack (sandbox, BFF on embedded PostgreSQL, portal)
// Ends with one line `N passed, N failed` summing every runner's counts.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, run, runPnpm, startThrowawayStack } from './lib/stack.mjs';

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
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + (json.numTodoTests ?? 0),
  };
}

function readPlaywright(file) {
  if (!existsSync(file)) return null;
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
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
  phases.push(
    `${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - t0) / 1000).toFixed(0)} s)${c ? `: ${c.passed} passed, ${c.failed} failed` : ''}`,
  );
  return ok;
}

/** The environment without DATABASE_URL and REDIS_URL: embedded PostgreSQL, in-process cache and event bus. */
const withoutServices = () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  return env;
};

/** A phase running the jest of the package in `dir` with `args`; its JSON report `test-results/<report>.json` gives the counts. */
function jestPhase(name, dir, report, args, env) {
  const cwd = path.join(repoRoot, dir);
  const out = path.join(resultsDir, `${report}.json`);
  const jest = path.join(cwd, 'node_modules/jest/bin/jest.js');
  return phase(
    name,
    () =>
      run(
        process.execPath,
        ['--experimental-vm-modules', jest, ...args, '--ci', '--json', `--outputFile=${out}`],
        { cwd, env },
      ),
    {
      counts: () => readJest(out),
    },
  );
}

if (wants('build')) {
  const built = await phase('build', () => runPnpm(['run', 'build']));
  if (!built) finish();
}
if (wants('lint')) await phase('format', () => runPnpm(['run', 'format:check']));
if (wants('lint')) await phase('lint', () => runPnpm(['run', 'lint']));
if (wants('typecheck')) await phase('typecheck', () => runPnpm(['run', 'typecheck']));

if (wants('unit')) {
  for (const [pkg, dir] of [
    ['domain', 'packages/domain'],
    ['sandbox', 'apps/sandbox'],
    ['bff', 'apps/bff'],
    ['portal', 'apps/portal'],
  ]) {
    await jestPhase(`unit tests: ${pkg}`, dir, `unit-${pkg}`, ['--passWithNoTests'], withoutServices());
  }
}

if (wants('int')) {
  const intArgs = ['-c', 'jest.int.config.cjs', '--runInBand'];
  await jestPhase(
    'BFF integration tests: embedded PostgreSQL, in-process cache and event bus',
    'apps/bff',
    'int-embedded',
    intArgs,
    withoutServices(),
  );
  if (process.env.PORTICO_TEST_REDIS_URL) {
    const env = { ...withoutServices(), REDIS_URL: process.env.PORTICO_TEST_REDIS_URL };
    if (process.env.PORTICO_TEST_DATABASE_URL) env.DATABASE_URL = process.env.PORTICO_TEST_DATABASE_URL;
    const database = env.DATABASE_URL ? 'server PostgreSQL' : 'embedded PostgreSQL';
    await jestPhase(
      `BFF integration tests: ${database}, Redis cache and event bus`,
      'apps/bff',
      'int-redis',
      intArgs,
      env,
    );
  } else {
    phases.push('skip BFF integration tests on Redis (set PORTICO_TEST_REDIS_URL to run them)');
  }
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (wants('e2e')) {
  if (existsSync(chromium)) {
    const out = path.join(resultsDir, 'e2e.json');
    await phase(
      'end-to-end tests in Chromium',
      async () => {
        // PORTICO_E2E_PORT_OFFSET moves every port, so that two checkouts can run their end-to-end tests at once;
        // PORTICO_E2E_GREP runs only the tests whose title matches it.
        const offset = Number(process.env.PORTICO_E2E_PORT_OFFSET ?? 0);
        const stack = await startThrowawayStack({
          ports: {
            sandbox: 4110 + offset,
            bff: 4010 + offset,
            realtime: 4011 + offset,
            portal: 3010 + offset,
          },
          postgresPort: 54339 + offset,
          portVariables: Object.fromEntries(
            ['sandbox', 'smtp', 'oidc', 'bff', 'realtime', 'portal'].map((role) => [
              role,
              'PORTICO_E2E_PORT_OFFSET',
            ]),
          ),
          // Few, quick retries so an e2e test can make a dead-lettered webhook delivery in a few seconds. Blocks turn
          // stale after 5 s (not 30 s) and an open breaker tries again after 2 s (not 10 s), so the degraded-dashboard
          // test can watch a block go stale and come back within a test's time.
          // Provider sign-in on, against the sandbox's OpenID provider (oidc.e2e-spec.ts).
          env: {
            OIDC_ENABLED: 'true',
            WEBHOOK_MAX_ATTEMPTS: '2',
            WEBHOOK_RETRY_BASE_DELAY_MS: '200',
            STATUS_CACHE_TTL_MS: '5000',
            UPSTREAM_BREAKER_HALF_OPEN_MS: '2000',
            // The accessibility scans open every page in two themes at two widths as one user: several hundred API
            // reads a minute, which the production limit (100 per user) would answer with 429.
            RATE_LIMIT_API_PER_MINUTE: '1000',
            // PORTICO_E2E_REDIS_URL runs the stack on that Redis with every process apart: the job worker and the
            // sockets in the separate realtime process (the default run keeps one BFF without Redis).
            ...(process.env.PORTICO_E2E_REDIS_URL
              ? { REDIS_URL: process.env.PORTICO_E2E_REDIS_URL, REALTIME_PROCESS: 'separate' }
              : {}),
          },
        });
        try {
          await run(
            process.execPath,
            [
              path.join(repoRoot, 'apps/portal/node_modules/@playwright/test/cli.js'),
              'test',
              '--reporter=list,json',
              ...(process.env.PORTICO_E2E_GREP ? ['--grep', process.env.PORTICO_E2E_GREP] : []),
            ],
            {
              cwd: path.join(repoRoot, 'apps/portal'),
              env: {
                ...process.env,
                PORTAL_URL: stack.urls.portal,
                BFF_URL: stack.urls.bff,
                SANDBOX_URL: stack.urls.sandbox,
                PLAYWRIGHT_JSON_OUTPUT_NAME: out,
                CHROMIUM_PATH: chromium,
              },
            },
          );
        } finally {
          await stack.stop();
        }
      },
      { counts: () => readPlaywright(out) },
    );
  } else {
    const message = `end-to-end tests need Chromium at ${chromium} (Debian: apt-get install -y chromium)`;
    if (process.env.CI) failures.push(message);
    phases.push(`skip ${message}`);
  }
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
