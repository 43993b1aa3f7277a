import type { Metadata } from 'next';
import { apiKeyListQuery } from '@/features/api-keys/api/api-keys.queries';
import { ApiKeysView } from '@/features/api-keys/components/api-keys-view';
import { Prefetched } from '@/lib/server-prefetch';

export const metadata: Metadata = { title: 'Usage API keys · Administration' };

export default function AdminApiKeysPage() {
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(apiKeyListQuery(client, false))}>
      <ApiKeysView />
    </Prefetched>
  );
}
