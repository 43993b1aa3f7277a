import { passwordPolicyIssues } from './security.schema';
import { brokenPasswordRules } from './password-rules';

describe('passwordPolicyIssues', () => {
  it('accepts 12+ characters and passphrases of 4+ words', () => {
    expect(passwordPolicyIssues('tangerine-otter-42', 'owner@acme.example')).toEqual([]);
    expect(passwordPolicyIssues('red fox ran by', 'owner@acme.example')).toEqual([]);
  });

  it('refuses short passwords that are not passphrases', () => {
    expect(passwordPolicyIssues('Sh0rt!pass', null)).toHaveLength(1);
    expect(passwordPolicyIssues('two words', null)).toHaveLength(1);
  });

  it('refuses passwords containing the email local part, in any case', () => {
    expect(passwordPolicyIssues('my-Owner-password-2026', 'owner@acme.example')).toEqual([
      'Do not use your email address in your password',
    ]);
  });

  it('refuses one repeated character', () => {
    expect(passwordPolicyIssues('aaaaaaaaaaaaaaaa', null)).toContain('Do not repeat a single character');
  });
});

describe('brokenPasswordRules', () => {
  it('names each broken rule, in order, and the English messages follow them', () => {
    expect(brokenPasswordRules('aaaa', 'aaaa@example.com')).toEqual([
      'length',
      'no_email',
      'not_one_character',
    ]);
    expect(brokenPasswordRules('tangerine-otter-42', 'owner@acme.example')).toEqual([]);
    expect(passwordPolicyIssues('aaaa', 'aaaa@example.com')).toHaveLength(3);
  });
});
