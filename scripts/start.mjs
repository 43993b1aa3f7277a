// `pnpm start`: builds what is missing, then runs the sandbox, the BFF and the portal with their embedded
// defaults, prints the URLs and the demo logins, and stops everything on Ctrl-C.
import { missingArtifacts, runPnpm, startStack } from './lib/stack.mjs';

const t0 = Date.now();
const ports = {
  sandbox: Number(process.env.SANDBOX_PORT ?? 4100),
  bff: Number(process.env.PORT ?? 4000),
  portal: Number(process.env.PORTAL_PORT ?? 3000),
  smtp: Number(process.env.SANDBOX_SMTP_PORT ?? 4125),
  oidc: Number(process.env.SANDBOX_OIDC_PORT ?? 4126),
  // Used with REDIS_URL and REALTIME_PROCESS=separate only.
  realtime: Number(process.env.REALTIME_PORT ?? 4001),
};

const missing = missingArtifacts();
if (missing.length > 0) {
  console.log(`[portico] building (missing: ${missing.join(', ')})`);
  await runPnpm(['run', 'build']);
}

let stack;
let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n[portico] ${signal}: stopping portal, BFF and sandbox...`);
  await stack?.stop();
  console.log('[portico] stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  stack = await startStack({ ports });
} catch (error) {
  console.error(`[portico] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const seconds = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`
[portico] ready in ${seconds} s
  Portal     ${stack.urls.portal}
  BFF API    ${stack.urls.bff}  (OpenAPI: ${stack.urls.bff}/api/docs)${stack.urls.realtime ? `\n  Realtime   ${stack.urls.realtime}  (socket.io, separate process)` : ''}
  Sandbox    ${stack.urls.sandbox}/__admin  (WHMCS + Salesforce simulators, fault and event controls)
  Mail       ${stack.urls.sandbox}/__admin/mail  (every email the portal sends: invites, password resets)

  Demo logins (password: portico-demo-password)
    owner@acme.example     Acme Hosting Ltd (owner), Globex Corporation (viewer)
    owner@globex.example   Globex Corporation (owner)
    owner@initech.example  Initech GmbH (owner)

  Press Ctrl-C to stop.
`);
