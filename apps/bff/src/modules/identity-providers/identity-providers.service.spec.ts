import { randomBytes } from 'node:crypto';
import { putIdentityProviderRequestSchema, type PutIdentityProviderRequest } from '@portico/domain';
import { RecordingAudit } from '../../../test/fakes/recorders.fake';
import type { AuditService } from '../audit/audit.service';
import { IdentityProviderSecrets } from './identity-provider-secrets';
import {
  IdentityProviderDomainConflict,
  type IdentityProviderFields,
  type IdentityProvidersRepository,
  type StoredIdentityProvider,
} from './identity-providers.repository';
import { IdentityProvidersService } from './identity-providers.service';
import {
  OidcDiscoveryFailed,
  type OidcClientConfigurations,
} from '../../integrations/oidc/oidc-client-configurations';

const ACCOUNT = '77777777-7777-4777-8777-777777777777';
const ctx = { accountId: null, actorUserId: 'admin', ip: null, userAgent: null, requestId: 'r1' };

/** In-memory stand-in for the repository: one provider per account, each domain to one provider. */
class InMemoryProviders {
  readonly rows = new Map<string, StoredIdentityProvider>();
  accountExists(accountId: string): Promise<boolean> {
    return Promise.resolve(accountId === ACCOUNT || accountId.startsWith('8'));
  }
  findByAccount(accountId: string): Promise<StoredIdentityProvider | null> {
    return Promise.resolve(this.rows.get(accountId) ?? null);
  }
  upsert(accountId: string, fields: IdentityProviderFields) {
    for (const [other, row] of this.rows) {
      const taken = row.allowedEmailDomains.filter((d) => fields.allowedEmailDomains.includes(d));
      if (other !== accountId && taken.length > 0) throw new IdentityProviderDomainConflict(taken);
    }
    const before = this.rows.get(accountId);
    const now = new Date('2026-12-03T10:00:00Z');
    const provider: StoredIdentityProvider = {
      id: before?.id ?? `idp-${accountId}`,
      accountId,
      ...fields,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    this.rows.set(accountId, provider);
    return Promise.resolve({ provider, created: before === undefined });
  }
  delete(accountId: string): Promise<StoredIdentityProvider | null> {
    const row = this.rows.get(accountId) ?? null;
    this.rows.delete(accountId);
    return Promise.resolve(row);
  }
}

describe('IdentityProvidersService', () => {
  let repository: InMemoryProviders;
  let audit: RecordingAudit;
  let verify: jest.Mock<Promise<void>, [unknown]>;
  let invalidate: jest.Mock<void, [string]>;
  let service: IdentityProvidersService;
  const secrets = new IdentityProviderSecrets({
    IDENTITY_PROVIDER_SECRET_KEY: randomBytes(32).toString('base64'),
  });
  const body = (overrides: Partial<PutIdentityProviderRequest> = {}) =>
    putIdentityProviderRequestSchema.parse({
      issuerUrl: 'https://login.initech.example',
      clientId: 'portico',
      clientSecret: 'first-client-secret-1234',
      allowedEmailDomains: ['initech-staff.example'],
      jitEnabled: true,
      ...overrides,
    });

  beforeEach(() => {
    repository = new InMemoryProviders();
    audit = new RecordingAudit();
    verify = jest.fn((_settings: unknown) => Promise.resolve());
    invalidate = jest.fn();
    service = new IdentityProvidersService(
      repository as unknown as IdentityProvidersRepository,
      secrets,
      { verify, invalidate } as unknown as OidcClientConfigurations,
      audit as unknown as AuditService,
    );
  });

  it('seals the secret, returns only its hint, and keeps it on an update without one', async () => {
    const created = await service.put(ACCOUNT, body(), ctx);
    expect(created.created).toBe(true);
    expect(JSON.stringify(created.provider)).not.toContain('first-client-secret');
    expect(created.provider).toMatchObject({ hasClientSecret: true, clientSecretHint: '••••1234' });
    const sealed = repository.rows.get(ACCOUNT)!.clientSecretSealed;
    expect(secrets.open(sealed, ACCOUNT)).toBe('first-client-secret-1234');

    const updated = await service.put(ACCOUNT, body({ clientSecret: undefined, jitRole: 'billing' }), ctx);
    expect(updated.created).toBe(false);
    expect(repository.rows.get(ACCOUNT)!.clientSecretSealed).toBe(sealed);
    // The discovery check ran with the kept secret.
    expect(verify).toHaveBeenLastCalledWith(
      expect.objectContaining({ clientSecret: 'first-client-secret-1234' }),
    );
    expect(invalidate).toHaveBeenCalledWith(`idp-${ACCOUNT}`);
    expect(audit.records.map((r) => r.action)).toEqual([
      'admin.identity_provider_created',
      'admin.identity_provider_updated',
    ]);
    expect(JSON.stringify(audit.records)).not.toContain('first-client-secret');
  });

  it('requires a secret on create and refuses a domain of another account with 409', async () => {
    await expect(service.put(ACCOUNT, body({ clientSecret: undefined }), ctx)).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    await service.put(ACCOUNT, body(), ctx);
    await expect(service.put('88888888-8888-4888-8888-888888888888', body(), ctx)).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
    });
  });

  it('saves nothing when the issuer’s discovery cannot be read (503) or is not the issuer’s (400)', async () => {
    verify.mockRejectedValueOnce(new OidcDiscoveryFailed('unreachable'));
    await expect(service.put(ACCOUNT, body(), ctx)).rejects.toMatchObject({
      status: 503,
      code: 'upstream_unavailable',
    });
    verify.mockRejectedValueOnce(new OidcDiscoveryFailed('invalid'));
    await expect(service.put(ACCOUNT, body(), ctx)).rejects.toMatchObject({ status: 400 });
    expect(repository.rows.size).toBe(0);
    // Without the check, the shape alone decides.
    verify.mockRejectedValue(new OidcDiscoveryFailed('unreachable'));
    await expect(service.put(ACCOUNT, body({ verifyDiscovery: false }), ctx)).resolves.toMatchObject({
      created: true,
    });
  });

  it('answers 404 for an unknown account and for deleting what is not there, and audits a deletion', async () => {
    await expect(service.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
    await expect(service.get(ACCOUNT)).rejects.toMatchObject({ status: 404 });
    await expect(service.delete(ACCOUNT, ctx)).rejects.toMatchObject({ status: 404 });
    await service.put(ACCOUNT, body(), ctx);
    await service.delete(ACCOUNT, ctx);
    expect(invalidate).toHaveBeenLastCalledWith(`idp-${ACCOUNT}`);
    expect(audit.records.at(-1)?.action).toBe('admin.identity_provider_deleted');
  });
});
