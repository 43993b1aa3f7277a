import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { apiKeyListQuery } from '@/features/api-keys/api/api-keys.queries';
import { ApiKeysView } from '@/features/api-keys/components/api-keys-view';
import { Prefetched } from '@/lib/server-prefetch';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('adminApiKeys') };
}

export default function AdminApiKeysPage() {
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(apiKeyListQuery(client, false))}>
      <ApiKeysView />
    </Prefetched>
  );
}
