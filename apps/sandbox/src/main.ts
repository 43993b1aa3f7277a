import { loadSandboxEnv } from './config/env.schema';
import { buildSandbox } from './sandbox.app';

async function main(): Promise<void> {
  const env = loadSandboxEnv();
  const { app, mail } = buildSandbox({
    env,
    logger: { level: env.SANDBOX_LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  const shutdown = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: env.SANDBOX_PORT, host: env.SANDBOX_HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : env.SANDBOX_PORT;
  const smtpPort = await mail.listen(env.SANDBOX_SMTP_PORT, env.SANDBOX_HOST);
  console.log(
    `Sandbox ready on http://${env.SANDBOX_HOST}:${port} (SMTP catcher on ${env.SANDBOX_HOST}:${smtpPort})`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
