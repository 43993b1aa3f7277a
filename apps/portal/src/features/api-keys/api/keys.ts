/** Query keys of the usage API keys (platform administration). */
export const apiKeyKeys = {
  all: () => ['admin', 'api-keys'] as const,
  list: (includeRevoked: boolean) => ['admin', 'api-keys', { includeRevoked }] as const,
};
