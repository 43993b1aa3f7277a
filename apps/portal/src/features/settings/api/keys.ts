/** Query keys of the security settings. */
export const securityKeys = {
  all: () => ['security'] as const,
  /** `GET /api/v1/auth/sessions`. */
  sessions: () => ['security', 'sessions'] as const,
  /** `GET /api/v1/auth/mfa`. */
  mfa: () => ['security', 'mfa'] as const,
  /** `GET /api/v1/accounts/:accountId/security`. */
  account: (accountId: string) => ['security', 'account', accountId] as const,
};
