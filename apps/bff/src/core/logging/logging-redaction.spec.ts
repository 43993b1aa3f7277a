import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT_PATHS, serializeRequest } from './logging.module';

/** Logs one record through pino with Portico's redaction and returns the line as written. */
function logLine(record: object): string {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  pino({ redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } }, sink).info(record, 'test');
  return out;
}

describe('log redaction', () => {
  it('censors cookies, authorization and set-cookie headers of requests and responses', () => {
    const line = logLine({
      req: {
        headers: {
          cookie: 'portico_at=eyJhbGciOi.secret',
          authorization: 'Bearer abc.def.ghi',
          'user-agent': 'jest',
        },
      },
      res: { headers: { 'set-cookie': ['portico_rt=refresh-token-value; HttpOnly'] } },
    });
    expect(line).not.toContain('eyJhbGciOi');
    expect(line).not.toContain('abc.def.ghi');
    expect(line).not.toContain('refresh-token-value');
    expect(line).toContain('jest');
    expect(JSON.parse(line)).toMatchObject({
      req: { headers: { cookie: '[redacted]', authorization: '[redacted]' } },
    });
  });

  it('censors passwords, tokens and secrets at the top level and one level down', () => {
    const line = logLine({
      password: 'hunter2-top',
      body: { password: 'hunter2-nested', token: 'tok-nested', refreshToken: 'rt-nested' },
      whmcs: { secret: 'whmcs-api-secret', clientSecret: 'sf-client-secret' },
    });
    for (const value of [
      'hunter2-top',
      'hunter2-nested',
      'tok-nested',
      'rt-nested',
      'whmcs-api-secret',
      'sf-client-secret',
    ]) {
      expect(line).not.toContain(value);
    }
  });

  it('censors two-factor material, password changes and the CSRF header', () => {
    const line = logLine({
      req: { headers: { 'x-csrf-token': 'csrf-nonce.mac' } },
      body: {
        currentPassword: 'old-pass-value',
        newPassword: 'new-pass-value',
        code: '123456',
        recoveryCode: 'abcde-12345',
      },
      enrolment: {
        manualEntryKey: 'JBSW Y3DP',
        qrCodeDataUrl: 'data:image/png;base64,AAAA',
        recoveryCodes: ['fghij-67890'],
      },
      session: { csrfToken: 'csrf-value', challengeToken: 'challenge-value' },
    });
    for (const value of [
      'csrf-nonce.mac',
      'old-pass-value',
      'new-pass-value',
      '123456',
      'abcde-12345',
      'JBSW Y3DP',
      'AAAA',
      'fghij-67890',
      'csrf-value',
      'challenge-value',
    ]) {
      expect(line).not.toContain(value);
    }
  });

  it('the access line of a request masks emails and drops tokens in its query string', () => {
    const line = JSON.stringify(
      serializeRequest({
        id: 'r1',
        method: 'GET',
        url: '/api/v1/accounts/a/audit-events?actor=owner%40acme.example&token=tok-in-url',
      }),
    );
    expect(line).not.toContain('owner%40acme');
    expect(line).not.toContain('tok-in-url');
    expect(line).toContain('audit-events');
  });
});
