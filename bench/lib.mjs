// Shared helpers of the benchmarks: a private stack on its own ports and a logged-in cookie.
import { startThrowawayStack } from '../scripts/lib/stack.mjs';

/** Added to every default port, so two checkouts can run benchmarks side by side (`PORTICO_BENCH_PORT_OFFSET`). */
const PORT_OFFSET = Number(process.env.PORTICO_BENCH_PORT_OFFSET ?? 0);

/**
 * Starts sandbox + BFF + portal on private ports with a throw-away embedded PostgreSQL.
 * @param {Record<string, string>} env extra environment (e.g. STATUS_CACHE_TTL_MS)
 * @param {{ sandbox: number, bff: number, portal: number, postgres: number }} ports
 */
export function benchStack(
  env = {},
  ports = { sandbox: 4120 + PORT_OFFSET, bff: 4020 + PORT_OFFSET, portal: 3020 + PORT_OFFSET, postgres: 50029 + PORT_OFFSET },
) {
  return startThrowawayStack({ ports, postgresPort: ports.postgres, env });
}

/** Logs in and returns the `cookie` header value. */
export async function login(bffUrl, email = 'owner@acme.example', password = 'portico-demo-password') {
  const res = await fetch(`${bffUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: HTTP ${res.status}`);
  const me = await res.json();
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, me };
}

/** Percentile of a sorted array of numbers. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}
