import { JwtService } from '@nestjs/jwt';
import { TokenService } from '../../src/core/auth/token.service';
import { loadEnv, type Env } from '../../src/core/config/env';
import { MemoryRateLimitStore } from '../../src/core/http/throttling/rate-limit.store';
import { LoginLockoutService } from '../../src/core/http/throttling/login-lockout.service';
import { AuthService } from '../../src/modules/auth/auth.service';
import { MfaService } from '../../src/modules/auth/mfa.service';
import { PasswordService } from '../../src/modules/auth/password.service';
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { InMemoryAuthRepository } from './auth-repository.fake';
import { FakeClock } from './clock.fake';
import { RecordingAccess, RecordingAudit, RecordingMail, RecordingRevocations } from './recorders.fake';

/**
 * The auth services wired to fakes of their ports (repository in memory, recording audit, mail, denylist and access
 * cache, a fake clock) and the real token, lockout and hashing code. `env` overrides go through `loadEnv`, so the
 * same validation and defaults apply as in production.
 */
export function authWorld(overrides: Record<string, string> = {}) {
  const env: Env = loadEnv({ LOGIN_MAX_FAILURES_PER_MINUTE: '3', ...overrides });
  const clock = new FakeClock();
  const repository = new InMemoryAuthRepository(clock);
  const audit = new RecordingAudit();
  const revocations = new RecordingRevocations();
  const access = new RecordingAccess();
  const mail = new RecordingMail();
  const tokens = new TokenService(new JwtService({}), env);
  const lockout = new LoginLockoutService(new MemoryRateLimitStore(() => clock.nowMs()), env);
  const sessions = new SessionsService(
    repository.asSessions(),
    revocations.asService(),
    audit.asService(),
    clock,
  );
  const mfa = new MfaService(repository.asMfa(), env, access.asService(), clock);
  const password = new PasswordService(
    repository.asUsers(),
    repository.asPasswords(),
    sessions,
    audit.asService(),
    mail,
    env,
    clock,
  );
  const auth = new AuthService(
    repository.asUsers(),
    repository.asSessions(),
    tokens,
    revocations.asService(),
    mfa,
    lockout,
    audit.asService(),
    env,
    clock,
  );
  auth.onModuleInit();
  return { env, clock, repository, audit, revocations, access, mail, tokens, sessions, mfa, password, auth };
}

/** Client metadata of a request from the tests. */
export const META = {
  ip: '203.0.113.7',
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  requestId: 'req-1',
};
