/** Query keys of the signed-in user. */
export const authKeys = {
  /** `GET /api/v1/me`. */
  me: () => ['me'] as const,
  /** `GET /api/v1/auth/oidc/config`. */
  oidcConfig: () => ['auth', 'oidc-config'] as const,
};
