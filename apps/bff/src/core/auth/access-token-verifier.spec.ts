import { JwtService } from '@nestjs/jwt';
import { loadEnv } from '../config/env';
import { AccessTokenVerifier } from './access-token-verifier';
import { TokenService } from './token.service';

/** The verifier the separate realtime process uses on its own, against tokens the BFF's TokenService signs. */
describe('AccessTokenVerifier', () => {
  const env = loadEnv({ JWT_ACCESS_SECRET: 'x'.repeat(40), JWT_REFRESH_SECRET: 'r'.repeat(40) });
  const bff = new TokenService(new JwtService({}), env);
  const session = {
    userId: '9d2f4c1e-2b7a-4c55-9a1e-0f3b6d8c7a21',
    email: 'someone@example.com',
    sessionId: '5f0e2d4c-8a1b-4c3d-9e7f-1a2b3c4d5e6f',
  };

  it('accepts an access token the BFF signed, with its session', () => {
    expect(new AccessTokenVerifier(env.JWT_ACCESS_SECRET).verify(bff.signAccessToken(session))).toEqual(
      session,
    );
  });

  it('refuses another secret, a two-factor challenge and claims that are not a session', () => {
    const token = bff.signAccessToken(session);
    expect(new AccessTokenVerifier('y'.repeat(40)).verify(token)).toBeNull();
    const verifier = new AccessTokenVerifier(env.JWT_ACCESS_SECRET);
    expect(verifier.verify(bff.signMfaChallenge(session.userId))).toBeNull();
    const foreign = new JwtService({}).sign({ sub: session.userId }, { secret: env.JWT_ACCESS_SECRET });
    expect(verifier.verify(foreign)).toBeNull();
    expect(verifier.verify('not.a.token')).toBeNull();
  });
});
