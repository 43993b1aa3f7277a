import { NOT_LINKED_REASON, type BlockMeta } from '@portico/domain';
import { capitalize } from '@/lib/format';

/** How a customer knows each source. */
const SOURCE_LABEL: Readonly<Record<BlockMeta['source'], string>> = {
  whmcs: 'billing system',
  salesforce: 'support system',
  portico: 'Portico',
};

/**
 * The sentence shown in an unavailable dashboard card: the BFF's user-safe `reason` (e.g. `Billing system is
 * unavailable`) written as a sentence, a plain sentence for an account not linked to the source, or a generic one
 * when no reason was given.
 */
export function unavailableReason(meta: Pick<BlockMeta, 'source' | 'reason'>): string {
  const label = SOURCE_LABEL[meta.source];
  const reason = meta.reason?.trim() ?? '';
  if (reason === '')
    return meta.source === 'portico'
      ? 'We could not load this information.'
      : `We could not reach the ${label}.`;
  if (reason.toLowerCase() === NOT_LINKED_REASON) return `This account is not connected to the ${label} yet.`;
  const sentence = capitalize(reason);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * Why a stale card shows its last copy, as the tail of "Updated 3 min ago · …": the BFF's reason in lower case
 * (e.g. `billing system is unavailable`), or `refreshing` when a refresh is merely under way.
 */
export function staleNote(meta: Pick<BlockMeta, 'source' | 'reason'>): string {
  const reason = meta.reason?.trim() ?? '';
  if (reason === '') return 'refreshing';
  return reason.charAt(0).toLowerCase() + reason.slice(1).replace(/[.!?]$/, '');
}
