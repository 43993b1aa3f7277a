import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EnvValidationError, loadEnv, rawEnvSchema } from './env';

describe('loadEnv', () => {
  it('applies local-development defaults', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(4000);
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SEED_DEMO_DATA).toBe(true);
    expect(env.EMBEDDED_PG_PORT).toBe(54329);
    expect(env.EMBEDDED_PG_DATA_DIR).toMatch(/\.data[/\\]postgres$/);
    expect(env.JWT_ACCESS_TTL_SECONDS).toBe(900);
    expect(env.JWT_REFRESH_TTL_SECONDS).toBe(604_800);
    expect(env.COOKIE_SECURE).toBe(false);
    expect(env.WHMCS_API_URL).toBe('http://127.0.0.1:4100/includes/api.php');
    expect(env.SALESFORCE_API_VERSION).toBe('62.0');
    expect(env.WEBHOOK_TOLERANCE_SECONDS).toBe(300);
    expect(env.STATUS_CACHE_TTL_MS).toBe(30_000);
    expect(env.JWT_ACCESS_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('coerces numbers and booleans and treats blank values as unset', () => {
    const env = loadEnv({
      PORT: '8080',
      COOKIE_SECURE: 'true',
      REDIS_URL: '',
      DATABASE_URL: 'postgresql://u@h/db',
    });
    expect(loadEnv({ PORTAL_ORIGIN: 'https://portal.example.com' }).COOKIE_SECURE).toBe(true);
    expect(loadEnv({ PORTAL_ORIGIN: 'http://127.0.0.1:3000', COOKIE_SECURE: 'auto' }).COOKIE_SECURE).toBe(
      false,
    );
    expect(() => loadEnv({ PORTAL_ORIGIN: 'https://portal.example.com', COOKIE_SECURE: 'false' })).toThrow(
      /COOKIE_SECURE/,
    );
    expect(env.PORT).toBe(8080);
    expect(env.COOKIE_SECURE).toBe(true);
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.SEED_DEMO_DATA).toBe(false);
  });

  it('lists every bad variable, without echoing values', () => {
    let error: unknown;
    try {
      loadEnv({
        PORT: 'eighty',
        COOKIE_SECURE: 'perhaps',
        WHMCS_API_URL: 'not a url',
        JWT_ACCESS_SECRET: 'short-secret-value',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'COOKIE_SECURE', 'WHMCS_API_URL', 'JWT_ACCESS_SECRET'])
      expect(message).toContain(name);
    expect(message).not.toContain('short-secret-value');
  });

  it('refuses background jobs or sockets in other processes without Redis to reach them', () => {
    expect(() => loadEnv({ REALTIME_PROCESS: 'separate' })).toThrow(
      /REALTIME_PROCESS: separate needs REDIS_URL/,
    );
    expect(() => loadEnv({ JOB_WORKER: 'off' })).toThrow(/JOB_WORKER: off needs REDIS_URL/);
    const env = loadEnv({ REALTIME_PROCESS: 'separate', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(env.REALTIME_PROCESS).toBe('separate');
    expect(env.REALTIME_PORT).toBe(4001);
  });

  it('requires real JWT secrets in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(
      /JWT_ACCESS_SECRET[\s\S]*JWT_REFRESH_SECRET|JWT_REFRESH_SECRET[\s\S]*JWT_ACCESS_SECRET/,
    );
    const env = loadEnv({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'a'.repeat(40),
      JWT_REFRESH_SECRET: 'b'.repeat(40),
      CSRF_SECRET: 'c'.repeat(40),
      MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      IDENTITY_PROVIDER_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    expect(env.JWT_ACCESS_SECRET).toBe('a'.repeat(40));
  });

  it('requires the identity provider secret key in production and refuses a malformed one', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'a'.repeat(40),
      JWT_REFRESH_SECRET: 'b'.repeat(40),
      CSRF_SECRET: 'c'.repeat(40),
      MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(() => loadEnv(production)).toThrow(/IDENTITY_PROVIDER_SECRET_KEY/);
    expect(() => loadEnv({ IDENTITY_PROVIDER_SECRET_KEY: 'too-short' })).toThrow(
      /IDENTITY_PROVIDER_SECRET_KEY/,
    );
    expect(Buffer.from(loadEnv({}).IDENTITY_PROVIDER_SECRET_KEY, 'base64url')).toHaveLength(32);
  });

  it('keeps provider sign-in off by default and points it at the sandbox provider through the portal', () => {
    const env = loadEnv({});
    expect(env.OIDC_ENABLED).toBe(false);
    expect(env.OIDC_ISSUER_URL).toBe('http://127.0.0.1:4126');
    expect(env.OIDC_REDIRECT_URI).toBe('http://localhost:3000/api/v1/auth/oidc/callback');
    expect(env.OIDC_ALLOWED_EMAIL_DOMAINS).toEqual(['acme.example']);
    const custom = loadEnv({
      OIDC_ENABLED: 'true',
      PORTAL_ORIGIN: 'https://portal.example.com',
      OIDC_ALLOWED_EMAIL_DOMAINS: ' Acme.Example , globex.example ',
    });
    expect(custom.OIDC_REDIRECT_URI).toBe('https://portal.example.com/api/v1/auth/oidc/callback');
    expect(custom.OIDC_ALLOWED_EMAIL_DOMAINS).toEqual(['acme.example', 'globex.example']);
  });

  it('refuses malformed provider settings', () => {
    expect(() => loadEnv({ OIDC_ALLOWED_EMAIL_DOMAINS: '@acme.example' })).toThrow(
      /OIDC_ALLOWED_EMAIL_DOMAINS/,
    );
    expect(() => loadEnv({ OIDC_ALLOWED_EMAIL_DOMAINS: ',' })).toThrow(/OIDC_ALLOWED_EMAIL_DOMAINS/);
    expect(() => loadEnv({ OIDC_JIT_ACCOUNT_ID: 'acme' })).toThrow(/OIDC_JIT_ACCOUNT_ID/);
    expect(() => loadEnv({ OIDC_JIT_ROLE: 'owner' })).toThrow(/OIDC_JIT_ROLE/);
    expect(() => loadEnv({ OIDC_CLIENT_SECRET: 'short' })).toThrow(/OIDC_CLIENT_SECRET/);
    const production = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'a'.repeat(40),
      JWT_REFRESH_SECRET: 'b'.repeat(40),
      CSRF_SECRET: 'c'.repeat(40),
      MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      IDENTITY_PROVIDER_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
      OIDC_ENABLED: 'true',
    };
    expect(() => loadEnv(production)).toThrow(/OIDC_CLIENT_SECRET/);
    expect(loadEnv({ ...production, OIDC_CLIENT_SECRET: 's'.repeat(32) }).OIDC_CLIENT_SECRET).toBe(
      's'.repeat(32),
    );
  });

  it('has every variable documented in .env.example', () => {
    const example = readFileSync(path.resolve(__dirname, '../../../../../.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const missing = Object.keys(rawEnvSchema.shape).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });
});
