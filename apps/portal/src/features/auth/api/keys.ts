/** Query keys of the signed-in user. */
export const authKeys = {
  /** `GET /api/v1/me`. */
  me: () => ['me'] as const,
};
