import { createHash } from 'node:crypto';
import type {
  Domain,
  Invoice,
  PaymentMethod,
  StatusBlockName,
  Subscription,
  SupportCase,
} from '@portico/domain';
import type { ReadResource } from '../read-cache/read-cache.service';

/** Kinds of records the reconciliation job compares (`comments`: per case, the count and newest public comment). */
export type SnapshotKind =
  'invoices' | 'subscriptions' | 'cases' | 'comments' | 'domains' | 'payment_methods';

/** Record id -> fingerprint (hex SHA-256 of the fields that matter). */
export type Fingerprints = Record<string, string>;

/** What changed between two snapshots of one kind. */
export interface SnapshotDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Dashboard blocks a change of each kind touches (as the matching webhooks do). */
export const KIND_BLOCKS: Readonly<Record<SnapshotKind, StatusBlockName[]>> = {
  invoices: ['billing'],
  subscriptions: ['subscriptions', 'usage'],
  cases: ['cases'],
  comments: [],
  domains: [],
  payment_methods: [],
};

/** Read-page resources a change of each kind makes stale (besides those behind its blocks). */
export const KIND_READS: Readonly<Record<SnapshotKind, ReadResource[]>> = {
  invoices: ['invoices'],
  subscriptions: ['subscriptions'],
  cases: ['cases'],
  comments: ['cases'],
  domains: ['domains'],
  payment_methods: ['payment_methods'],
};

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Fingerprints of invoices: every mapped field (status, amounts, balance, dates). */
export function invoiceFingerprints(invoices: readonly Invoice[]): Fingerprints {
  return Object.fromEntries(invoices.map((i) => [i.id, hash(i)]));
}

/**
 * Fingerprints of subscriptions: every field but the measured usage (`used`, `measuredAt` of disk and bandwidth),
 * which moves all the time and has its own event (`usage_changed`); plan limits are kept.
 */
export function subscriptionFingerprints(subscriptions: readonly Subscription[]): Fingerprints {
  return Object.fromEntries(
    subscriptions.map((s) => [
      s.id,
      hash({
        ...s,
        disk: s.disk === null ? null : s.disk.limit,
        bandwidth: s.bandwidth === null ? null : s.bandwidth.limit,
      }),
    ]),
  );
}

/** Fingerprints of cases: every mapped field (status, priority, subject, update time...). */
export function caseFingerprints(cases: readonly SupportCase[]): Fingerprints {
  return Object.fromEntries(cases.map((c) => [c.id, hash(c)]));
}

/** Fingerprints of domains: every mapped field. */
export function domainFingerprints(domains: readonly Domain[]): Fingerprints {
  return Object.fromEntries(domains.map((d) => [d.id, hash(d)]));
}

/** Fingerprints of payment methods: every field but `expired` (derived from the clock). */
export function paymentMethodFingerprints(methods: readonly PaymentMethod[]): Fingerprints {
  return Object.fromEntries(methods.map((m) => [m.id, hash({ ...m, expired: undefined })]));
}

/** Fingerprints of case conversations: per case, `<count>:<newest comment id>` as the CRM answered it. */
export function commentFingerprints(stamps: Readonly<Record<string, string>>): Fingerprints {
  return Object.fromEntries(Object.entries(stamps).map(([caseId, stamp]) => [caseId, hash(stamp)]));
}

/** Ids added, changed and removed from `before` to `after`, each sorted. */
export function diffFingerprints(before: Fingerprints, after: Fingerprints): SnapshotDiff {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [id, fp] of Object.entries(after)) {
    if (!(id in before)) added.push(id);
    else if (before[id] !== fp) changed.push(id);
  }
  const removed = Object.keys(before).filter((id) => !(id in after));
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}

/** Whether a diff holds any change. */
export function hasChanges(diff: SnapshotDiff): boolean {
  return diff.added.length + diff.changed.length + diff.removed.length > 0;
}

/** A digest of a whole snapshot (for event ids stable across re-runs of the same change). */
export function snapshotDigest(fingerprints: Fingerprints): string {
  return hash(Object.entries(fingerprints).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
