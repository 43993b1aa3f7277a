import { parseArgs } from 'node:util';
import { loadEnv, type Env } from '../core/config/env';
import { bootstrapDatabase } from '../core/database/database-bootstrap';
import { CliError, createAccount, createAccountArgsSchema, generatePassword } from './create-account.command';
import { validateConfig } from './validate-config.command';

const USAGE = `Usage: portico-cli <command> [options]

Commands:
  create-account  Create an account with its owner
    --name <text>                    account name (required)
    --whmcs-client-id <int>          WHMCS client id (userid)
    --salesforce-account-id <id>     Salesforce Account Id (15 or 18 chars)
    --owner-email <email>            owner's login (required)
    --owner-name <text>              owner's name (required)
    --owner-password <text>          at least 12 characters; omitted -> one is generated and printed once
  validate-config  Check the metric catalog and the dashboard files; prints file:line:column message per problem
    --dashboards <dir>               default DASHBOARDS_DIR (config/dashboards)
    --metrics <file>                 default USAGE_METRICS_FILE (config/metrics.yaml)

Uses DATABASE_URL, or the embedded PostgreSQL server when it is unset.`;

/** Where the CLI writes. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Runs the CLI. Returns the exit code: 0 success, 1 bad arguments or a failed command.
 * @param argv arguments after the script name
 * @param env configuration (defaults to `loadEnv()`)
 */
export async function runCli(argv: string[], io: CliIo, env?: Env): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  if (command === 'validate-config') {
    let options: { dashboards?: string; metrics?: string };
    try {
      options = parseArgs({
        args: rest,
        strict: true,
        options: { dashboards: { type: 'string' }, metrics: { type: 'string' } },
      }).values;
    } catch (err) {
      io.stderr(`${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    const cfg = env ?? loadEnv();
    return validateConfig(
      {
        dashboardsDir: options.dashboards ?? cfg.DASHBOARDS_DIR,
        metricsFile: options.metrics ?? cfg.USAGE_METRICS_FILE,
      },
      io,
    );
  }
  if (command !== 'create-account') {
    io.stderr(`Unknown command: ${command}\n\n${USAGE}\n`);
    return 1;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      strict: true,
      options: {
        name: { type: 'string' },
        'whmcs-client-id': { type: 'string' },
        'salesforce-account-id': { type: 'string' },
        'owner-email': { type: 'string' },
        'owner-name': { type: 'string' },
        'owner-password': { type: 'string' },
      },
    }).values;
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const parsed = createAccountArgsSchema.safeParse({
    name: values.name,
    whmcsClientId: values['whmcs-client-id'],
    salesforceAccountId: values['salesforce-account-id'],
    ownerEmail: values['owner-email'],
    ownerName: values['owner-name'],
    ownerPassword: values['owner-password'],
  });
  if (!parsed.success) {
    const flag = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      io.stderr(
        `${flag(key)}: ${issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message}\n`,
      );
    }
    return 1;
  }
  const config = env ?? loadEnv();
  const database = await bootstrapDatabase(config);
  try {
    const generated = parsed.data.ownerPassword === undefined;
    const ownerPassword = parsed.data.ownerPassword ?? generatePassword();
    const result = await createAccount(database.url, { ...parsed.data, ownerPassword });
    if (generated) io.stderr(`Generated owner password (shown once): ${ownerPassword}\n`);
    io.stdout(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  })
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
