// Runs an embedded PostgreSQL server for the integration tests and the benchmarks in its own process (Jest's
// CommonJS loader does not run it in-process, and the server must stop when its parent dies). Usage:
// node embedded-pg.mjs <dataDir> <port>. Prints one line `ready` when it accepts connections; stops the server and
// removes <dataDir> on SIGTERM/SIGINT or when stdin closes. It runs the BFF's build of src/core/database/postgres-cluster.ts
// (`pnpm build` first), the launcher `pnpm start` uses: as root it runs the server as the `postgres` user from
// binaries and data that user can reach. User and password are those of `embeddedPostgresUrl`.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startPostgresCluster } = require('../../dist/core/database/postgres-cluster.js');

const [dataDir, port] = process.argv.slice(2);
let cluster;
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  try {
    await cluster?.stop();
    rmSync(cluster?.dataDir ?? dataDir, { recursive: true, force: true });
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
try {
  cluster = await startPostgresCluster({
    dataDir,
    port: Number(port),
    user: 'postgres',
    password: 'portico-embedded',
    portVariable: 'PORTICO_TEST_PG_PORT',
    log: (message) => process.stderr.write(`${message}\n`),
  });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
process.stdout.write('ready\n');
