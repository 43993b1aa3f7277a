import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { OidcContext } from 'oidc-provider';
import { findDemoIdentity } from './demo-identities';

/** Configuration of the sandbox's OpenID provider. */
export interface SandboxOidcOptions {
  /** Issuer URL, as browsers and the BFF reach it (e.g. `http://127.0.0.1:4126`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Redirect URIs registered for the client (the portal's `/api/v1/auth/oidc/callback`). */
  redirectUris: string[];
  /** Secret signing the provider's own cookies. */
  cookieKey: string;
  /** The one password every demo identity signs in with (the demo users' password). */
  password: string;
}

/**
 * Starts a real OpenID Connect provider (the `oidc-provider` package, certified OpenID implementation) on its own
 * port: discovery, authorization (Authorization Code with PKCE required), token, userinfo and JWKS endpoints. Its
 * sign-in page (`/interaction/<uid>`) takes a demo identity's email and the demo password and finishes the login
 * with `amr: ["pwd"]` (or the identity's own `amr`); consent is skipped for the one registered client, as a company's own provider does for its
 * own apps.
 * The signing keys are generated at start-up: ID tokens do not outlive the process.
 * @returns the listening server (close it to stop)
 */
export async function startSandboxOidcProvider(
  options: SandboxOidcOptions,
  port: number,
  host: string,
): Promise<Server> {
  // oidc-provider is ESM-only; the sandbox is CommonJS.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    // `amr` with the `openid` scope: every ID token says how the person signed in (RFC 8176 values).
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    // Email and name in the ID token itself (Portico reads the ID token only, no userinfo call).
    conformIdTokenClaims: false,
    scopes: ['openid', 'email', 'profile'],
    cookies: { keys: [options.cookieKey] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string) {
      const identity = findDemoIdentity(id);
      if (!identity) return undefined;
      return {
        accountId: identity.sub,
        claims: () => ({
          sub: identity.sub,
          email: identity.email,
          email_verified: identity.email_verified,
          name: identity.name,
        }),
      };
    },
    // The company's own provider does not ask its users to consent to their own portal.
    async loadExistingGrant(ctx: OidcContext) {
      const { client, session, result, provider: p } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return p.Grant.find(grantId);
      const grant = new p.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sign-in error</title><h1>${escapeHtml(out.error ?? 'error')}</h1><p>${escapeHtml(out.error_description ?? '')}</p>`;
    },
  });
  const handle = provider.callback();
  const server = createServer((req, res) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (!match) {
      handle(req, res);
      return;
    }
    void interaction(provider, options, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('This sign-in expired: start again from Portico.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** The sign-in page: GET shows the form, POST checks email and password and finishes the login. */
async function interaction(
  provider: Provider,
  options: SandboxOidcOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  let error = '';
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 8192) throw new Error('body too large');
      chunks.push(chunk as Buffer);
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const identity = findDemoIdentity(form.get('email') ?? '');
    if (identity && form.get('password') === options.password) {
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: identity.sub, amr: identity.amr ?? ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    error = 'Unknown email or wrong password.';
  }
  res.writeHead(error ? 401 : 200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox identity provider</title>
<style>body{font:16px system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;width:100%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.5rem}button{padding:.6rem}p.e{color:#b00020}</style>
</head><body>
<h1>Sandbox identity provider</h1>
<p>Sign in to <strong>${escapeHtml(typeof details.params.client_id === 'string' ? details.params.client_id : '')}</strong> with your company account.</p>
${error ? `<p class="e" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(details.uid)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form></body></html>`);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
