import { Injectable } from '@nestjs/common';
import type {
  ApiKey,
  ApiKeyList,
  ApiKeyListQuery,
  CreateApiKeyRequest,
  CreatedApiKey,
} from '@portico/domain';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppException } from '../../../core/http/app.exception';
import { DbContext } from '../../../core/prisma/db-context';
import type { RequestAuditContext } from '../../audit/audit-context';
import { AuditService } from '../../audit/audit.service';
import { UsageRepository } from '../usage.repository';
import { ApiKeyRepository, type ApiKeyPrincipal } from './api-key.repository';

/** Prefix of every usage API key (`ptk_` + 43 base64url characters: 32 random bytes). */
export const API_KEY_PREFIX = 'ptk_';
const KEY_PATTERN = /^ptk_[A-Za-z0-9_-]{43}$/;
/** Characters of the key kept to recognise it in lists (`ptk_` + 8). */
const SHOWN_CHARACTERS = 12;

/** sha256 hex of a key: what is stored and looked up (keys carry 256 random bits, so a fast hash is enough). */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Usage API keys: created by platform administrators per account or platform-wide, shown once, stored hashed,
 * scoped, revocable; every change audited. {@link authenticate} checks a presented key.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly usage: UsageRepository,
    private readonly audit: AuditService,
  ) {}

  /** @throws AppException 404 when `accountId` names no account */
  async create(body: CreateApiKeyRequest, ctx: RequestAuditContext): Promise<CreatedApiKey> {
    if (body.accountId !== null && (await this.usage.existingAccounts([body.accountId])).size === 0) {
      throw new AppException('not_found', 'Account not found', [
        { path: 'body.accountId', message: 'Account not found' },
      ]);
    }
    const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const key = await this.keys.create({
      id: randomUUID(),
      name: body.name,
      accountId: body.accountId,
      prefix: secret.slice(0, SHOWN_CHARACTERS),
      secretHash: hashApiKey(secret),
      scopes: [...new Set(body.scopes)],
      createdBy: ctx.actorUserId,
    });
    await this.audit.record({
      ...ctx,
      accountId: key.accountId,
      action: 'usage.api_key_created',
      target: key.id,
      metadata: {
        name: key.name,
        prefix: key.prefix,
        scopes: key.scopes.join(' '),
        platformWide: key.accountId === null,
      },
    });
    return { key, secret };
  }

  async list(query: ApiKeyListQuery): Promise<ApiKeyList> {
    return {
      items: await this.keys.list({ accountId: query.accountId, includeRevoked: query.includeRevoked }),
    };
  }

  /** Revokes a key: refused on its next request. @throws AppException 404 unknown key */
  async revoke(id: string, ctx: RequestAuditContext): Promise<ApiKey> {
    const before = /^[0-9a-f-]{36}$/i.test(id) ? await this.keys.find(id) : null;
    if (!before) throw AppException.notFound('API key not found');
    const after = await this.keys.revoke(before.id, ctx.actorUserId);
    if (!after) throw AppException.notFound('API key not found');
    if (before.revokedAt === null) {
      await this.audit.record({
        ...ctx,
        accountId: after.accountId,
        action: 'usage.api_key_revoked',
        target: after.id,
        metadata: { name: after.name, prefix: after.prefix },
      });
    }
    return after;
  }

  /**
   * The key presented, when it exists and is not revoked (its last use recorded at most once a minute).
   * @returns null for a malformed, unknown or revoked key
   */
  async authenticate(secret: string, now: Date = new Date()): Promise<ApiKeyPrincipal | null> {
    if (!KEY_PATTERN.test(secret)) return null;
    return DbContext.runAsSystem('usage-api-key', async () => {
      const key = await this.keys.byHash(hashApiKey(secret));
      if (!key || key.revoked) return null;
      if (key.lastUsedAt === null || now.getTime() - key.lastUsedAt.getTime() > 60_000)
        await this.keys.touch(key.id, now);
      return key;
    });
  }
}
