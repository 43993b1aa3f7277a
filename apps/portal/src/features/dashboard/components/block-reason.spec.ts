import { describe, expect, it } from '@jest/globals';
import { staleNote, unavailableReason } from './block-reason';

describe('unavailableReason', () => {
  it('ends the upstream reason as a sentence', () => {
    expect(unavailableReason({ source: 'whmcs', reason: 'Billing system is unavailable' })).toBe(
      'Billing system is unavailable.',
    );
    expect(unavailableReason({ source: 'salesforce', reason: 'support system did not answer in time' })).toBe(
      'Support system did not answer in time.',
    );
  });

  it('keeps punctuation that is already there', () => {
    expect(unavailableReason({ source: 'whmcs', reason: 'Billing system is down for maintenance!' })).toBe(
      'Billing system is down for maintenance!',
    );
  });

  it('explains an account that is not linked to the source instead of showing the code', () => {
    expect(unavailableReason({ source: 'salesforce', reason: 'not linked' })).toBe(
      'This account is not connected to the support system yet.',
    );
  });

  it('falls back to the source when no reason is given', () => {
    expect(unavailableReason({ source: 'whmcs' })).toBe('We could not reach the billing system.');
    expect(unavailableReason({ source: 'portico', reason: '  ' })).toBe(
      'We could not load this information.',
    );
  });
});

describe('staleNote', () => {
  it('says why a card shows its last copy, calmly, in lower case', () => {
    expect(staleNote({ source: 'whmcs', reason: 'Billing system is unavailable' })).toBe(
      'billing system is unavailable',
    );
    expect(staleNote({ source: 'salesforce', reason: 'Support system did not answer in time.' })).toBe(
      'support system did not answer in time',
    );
  });

  it('says "refreshing" while a refresh is merely under way', () => {
    expect(staleNote({ source: 'whmcs' })).toBe('refreshing');
  });
});
