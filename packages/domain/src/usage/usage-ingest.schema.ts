import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';

/**
 * `POST /api/v1/usage/samples`: what metering systems send. A batch is a JSON object `{ samples: [...] }` (or a bare
 * JSON array) or NDJSON (`application/x-ndjson`, one sample per line), at most {@link MAX_USAGE_BATCH} samples,
 * authenticated by an API key (`Authorization: Bearer <key>`) holding the `usage:write` scope.
 */

/** Most samples in one batch. */
export const MAX_USAGE_BATCH = 5_000;

/** How far in the future a sample's timestamp may be: 5 minutes (clock skew), in ms. */
export const USAGE_MAX_FUTURE_MS = 5 * 60_000;

/**
 * One sample as sent. The catalog decides whether `service` is required (metrics with the per-service dimension) or
 * must be absent. Idempotency: a sample is recorded once per (account, metric, service, `at`), or, with `id`, once
 * per (account, `id`): a resent batch changes nothing.
 */
export const usageSampleInputSchema = z
  .object({
    /** Portico account id; required with a platform-wide key, and must be the key's account with an account key. */
    account: z.string().uuid().optional(),
    metric: z.string().min(1).max(64),
    /** The service (WHMCS service id) the sample measures. */
    service: z.union([z.string().min(1).max(64), z.number().int().nonnegative()]).optional(),
    /** The instant measured (gauge) or the end of the interval accrued (counter); ISO 8601 with offset. */
    at: isoTimestampSchema,
    /** In the metric's unit; gauges and counters are never negative. */
    value: z.number(),
    /** The metering system's own id of the sample (idempotency key, 1-128 characters). */
    id: z.string().min(1).max(128).optional(),
  })
  .strict();
export type UsageSampleInput = z.infer<typeof usageSampleInputSchema>;

/** Why a sample was not recorded (the rest of its batch is). */
export const usageRejectReasonSchema = z.enum([
  /** Not a sample object (wrong or missing fields, bad JSON line, bad timestamp). */
  'malformed',
  /** The metric is not in the catalog. */
  'unknown_metric',
  /** The metric is recorded from the billing system only (catalog `source.api: false`). */
  'metric_not_ingestible',
  /** The metric is per service and the sample names none. */
  'service_required',
  /** The metric has no service dimension and the sample names one. */
  'service_not_applicable',
  /** The service is not one of the account's. */
  'unknown_service',
  /** NaN, infinite or negative value. */
  'invalid_value',
  /** More than 5 minutes in the future. */
  'future_timestamp',
  /** Older than the raw retention. */
  'too_old',
  /** A platform-wide key sent no account, or named an unknown account. */
  'unknown_account',
  /** An account key sent another account's sample. */
  'account_forbidden',
  /** The batch holds more than {@link MAX_USAGE_BATCH} samples: the excess is not read. */
  'batch_too_large',
]);
export type UsageRejectReason = z.infer<typeof usageRejectReasonSchema>;

/** One rejected sample: its 0-based position in the batch (line number - 1 for NDJSON) and why. */
export const usageRejectionSchema = z.object({
  index: z.number().int().min(0),
  reason: usageRejectReasonSchema,
  message: z.string(),
});
export type UsageRejection = z.infer<typeof usageRejectionSchema>;

/**
 * The answer to a batch (200): `accepted` samples were recorded (durably, before the answer), `duplicate` ones had
 * been recorded before (or twice in the batch), `rejected` ones were not recorded, each listed in `errors`.
 * accepted + duplicate + rejected = the samples sent.
 */
export const usageIngestResultSchema = z.object({
  accepted: z.number().int().min(0),
  duplicate: z.number().int().min(0),
  rejected: z.number().int().min(0),
  errors: z.array(usageRejectionSchema),
});
export type UsageIngestResult = z.infer<typeof usageIngestResultSchema>;

/** Scopes an API key may hold. `usage:write`: send usage samples. */
export const apiKeyScopeSchema = z.enum(['usage:write']);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

/** An API key as the admin area lists it (never the secret). */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The account whose samples it may send; null for a platform-wide key (any account, named per sample). */
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  scopes: z.array(apiKeyScopeSchema),
  /** The key's first characters (`ptk_AbC123`), to recognise it. */
  prefix: z.string(),
  createdAt: isoTimestampSchema,
  createdBy: z.string().nullable(),
  lastUsedAt: isoTimestampSchema.nullable(),
  revokedAt: isoTimestampSchema.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** `POST /api/v1/admin/api-keys` body: a name, an account (absent or null: platform-wide) and scopes. */
export const createApiKeyRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    accountId: z.string().uuid().nullable().default(null),
    scopes: z.array(apiKeyScopeSchema).min(1).default(['usage:write']),
  })
  .strict();
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

/** `POST /api/v1/admin/api-keys` answer: the key and, this once, its secret. */
export const createdApiKeySchema = z.object({ key: apiKeySchema, secret: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** `GET /api/v1/admin/api-keys` query: `accountId` filter, `includeRevoked`. */
export const apiKeyListQuerySchema = z.object({
  accountId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()),
  includeRevoked: z.preprocess((v) => v === 'true' || v === true, z.boolean()).default(false),
});
export type ApiKeyListQuery = z.infer<typeof apiKeyListQuerySchema>;

/** `GET /api/v1/admin/api-keys` answer, newest first. */
export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;
