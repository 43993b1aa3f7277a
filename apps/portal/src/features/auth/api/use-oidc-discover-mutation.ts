'use client';

import { useMutation } from '@tanstack/react-query';
import type { OidcDiscoverResponse } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { domainSchema } from '@/lib/schemas';

/**
 * Asks which sign-in an email's domain routes to (`POST /api/v1/auth/oidc/discover`): the account's own identity
 * provider, the platform provider, or none (password). Only the domain decides; the answer says nothing about
 * whether the person has a user.
 */
export function useOidcDiscoverMutation() {
  return useMutation<OidcDiscoverResponse, ApiError, string>({
    mutationFn: (email) =>
      browserApiClient.request(
        '/api/v1/auth/oidc/discover',
        domainSchema((d) => d.oidcDiscoverResponseSchema),
        {
          method: 'POST',
          body: { email },
        },
      ),
  });
}
