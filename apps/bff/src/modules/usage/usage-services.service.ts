import { Injectable, Logger } from '@nestjs/common';
import type { Subscription } from '@portico/domain';
import { BillingProvider } from '../billing/billing.provider';
import { servicesFromSubscriptions, type ServiceLimits } from './usage-limits.mapper';
import { UsageRepository } from './usage.repository';

/** Least time between two on-demand refreshes of one account's services (unknown service in a batch), ms. */
const REFRESH_SPACING_MS = 60_000;

/**
 * The account's services (the values of the service dimension) with their plan limits, kept in `usage_services` from
 * WHMCS (`GetClientsProducts`): by the WHMCS usage sync every run, and on demand when a batch names a service not
 * known yet (at most once a minute per account).
 */
@Injectable()
export class UsageServicesService {
  private readonly logger = new Logger(UsageServicesService.name);
  private readonly refreshedAt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<ServiceLimits[] | null>>();

  constructor(
    private readonly repository: UsageRepository,
    private readonly billing: BillingProvider,
  ) {}

  /** The stored services of the account. */
  list(accountId: string): Promise<ServiceLimits[]> {
    return this.repository.services(accountId);
  }

  /** Stores the services read from `subscriptions`. */
  async store(accountId: string, subscriptions: readonly Subscription[]): Promise<ServiceLimits[]> {
    const services = servicesFromSubscriptions(subscriptions);
    await this.repository.replaceServices(accountId, services);
    this.refreshedAt.set(accountId, Date.now());
    return services;
  }

  /**
   * Re-reads the account's services from WHMCS unless that happened within the last minute (then, or when the
   * account is not linked or WHMCS fails, null). Concurrent callers share one read.
   */
  refresh(accountId: string): Promise<ServiceLimits[] | null> {
    const running = this.inFlight.get(accountId);
    if (running) return running;
    if (Date.now() - (this.refreshedAt.get(accountId) ?? 0) < REFRESH_SPACING_MS)
      return Promise.resolve(null);
    this.refreshedAt.set(accountId, Date.now());
    const load = (async () => {
      try {
        const clientId = await this.repository.whmcsClientIdOf(accountId);
        if (clientId === null || clientId === undefined) return null;
        return await this.store(accountId, await this.billing.listSubscriptions(clientId));
      } catch (err) {
        this.logger.warn(
          { accountId, err: err instanceof Error ? err.message : String(err) },
          'services not refreshed',
        );
        return null;
      } finally {
        this.inFlight.delete(accountId);
      }
    })();
    this.inFlight.set(accountId, load);
    return load;
  }
}
