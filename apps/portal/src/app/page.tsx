import { redirect } from 'next/navigation';
import { firstDashboardPath } from '@/lib/account-paths';
import { createServerApiClient } from '@/lib/server-api-client';
import { RootRedirect } from './root-redirect';
import { domainSchema } from '@/lib/schemas';

/** `/`: the first account's dashboard when signed in, else the browser finishes (it can refresh the session). */
export default async function HomePage() {
  const client = await createServerApiClient();
  const target = await client
    .request(
      '/api/v1/me',
      domainSchema((d) => d.meSchema),
    )
    .then(firstDashboardPath)
    .catch(() => undefined);
  if (target) redirect(target);
  return <RootRedirect />;
}
