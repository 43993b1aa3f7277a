import type { Panel, Permission } from '@portico/domain';
import { panelProviderRegistry } from './providers';

const TABLE_PERMISSION = {
  invoices: 'billing:read',
  cases: 'support:read',
  services: 'subscriptions:read',
  usage_points: 'usage:read',
  audit_events: 'audit:read',
} as const;

/**
 * The permissions a member needs to read a panel's data: those of the routes the data comes from (usage reads
 * `usage:read`, invoices `billing:read`, cases `support:read`, services `subscriptions:read`, the audit log
 * `audit:read`; the next invoice's estimate `billing:read` and `subscriptions:read`, plus `usage:read` when it prices
 * overage; service health `subscriptions:read`; a custom panel its provider's).
 */
export function panelPermissions(panel: Panel): Permission[] {
  switch (panel.type) {
    case 'timeseries':
      return ['usage:read'];
    case 'kpi':
      return panel.measure === 'next_invoice_estimate'
        ? [
            'billing:read',
            'subscriptions:read',
            ...(panel.metric !== undefined ? (['usage:read'] as const) : []),
          ]
        : ['usage:read'];
    case 'health_status':
      return panel.sources.includes('services')
        ? ['dashboard:read', 'subscriptions:read']
        : ['dashboard:read'];
    case 'table':
      return [TABLE_PERMISSION[panel.source]];
    case 'template':
    case 'image': {
      const provider = panelProviderRegistry.get(panel.provider);
      return provider ? [provider.permission] : ['dashboard:read'];
    }
  }
}
