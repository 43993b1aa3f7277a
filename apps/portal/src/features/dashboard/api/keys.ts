/** Query keys of the dashboard document. Every account-scoped key starts with `['account', accountId]`. */
export const statusKeys = {
  /** `GET /api/v1/accounts/:accountId/status`. */
  detail: (accountId: string) => ['account', accountId, 'status'] as const,
};
