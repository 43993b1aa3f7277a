import { loadSandboxEnv } from './config/env.schema';
import { buildSandbox } from './sandbox.app';
import { startSandboxOidcProvider } from './oidc/oidc-provider.server';
import { DEMO_PASSWORD } from './oidc/demo-identities';

async function main(): Promise<void> {
  const env = loadSandboxEnv();
  const { app, mail } = buildSandbox({
    env,
    logger: { level: env.SANDBOX_LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  const oidcPort = env.SANDBOX_OIDC_PORT ?? env.SANDBOX_PORT + 26;
  const oidcIssuer = env.SANDBOX_OIDC_ISSUER ?? `http://${env.SANDBOX_HOST}:${oidcPort}`;
  const oidcServer =
    oidcPort === 0
      ? null
      : await startSandboxOidcProvider(
          {
            issuer: oidcIssuer,
            clientId: env.SANDBOX_OIDC_CLIENT_ID,
            clientSecret: env.SANDBOX_OIDC_CLIENT_SECRET,
            redirectUris: env.SANDBOX_OIDC_REDIRECT_URIS,
            cookieKey: `${env.SANDBOX_OIDC_CLIENT_SECRET}-cookies`,
            password: DEMO_PASSWORD,
          },
          oidcPort,
          env.SANDBOX_HOST,
        );
  const shutdown = () => {
    oidcServer?.close();
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
    `Sandbox ready on http://${env.SANDBOX_HOST}:${port} (SMTP catcher on ${env.SANDBOX_HOST}:${smtpPort}${oidcServer ? `, OpenID provider ${oidcIssuer}` : ''})`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
