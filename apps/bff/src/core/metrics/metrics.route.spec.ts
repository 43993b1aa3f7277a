import { metricsAuthorized } from './metrics.route';
import { MetricsService } from './metrics.service';

describe('metrics', () => {
  it('authorizes only Bearer <METRICS_TOKEN>, and nobody when no token is configured', () => {
    const token = 'a-metrics-token-of-24-chars!';
    expect(metricsAuthorized(`Bearer ${token}`, token)).toBe(true);
    expect(metricsAuthorized(`bearer ${token}`, token)).toBe(true);
    expect(metricsAuthorized(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsAuthorized(token, token)).toBe(false);
    expect(metricsAuthorized(undefined, token)).toBe(false);
    expect(metricsAuthorized('Bearer ', undefined)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}`, undefined)).toBe(false);
  });

  it('counts usage samples ingested per source (the counter the usage store calls) and skips empty batches', async () => {
    const metrics = new MetricsService();
    metrics.usageSamplesIngested(120, 'api');
    metrics.usageSamplesIngested(0, 'api');
    metrics.usageSamplesIngested(5, 'whmcs_sync');
    metrics.usageSamplesIngested(3, 'api');
    const { body } = await metrics.render();
    expect(body).toContain('portico_usage_samples_ingested_total{source="api"} 123');
    expect(body).toContain('portico_usage_samples_ingested_total{source="whmcs_sync"} 5');
  });

  it('reads scrape-time gauges from the registered readers', async () => {
    const metrics = new MetricsService();
    metrics.readWebhookQueueWith(() => ({ depth: 7, oldestAgeSeconds: 12.5 }));
    metrics.readSocketsWith(() => 42);
    metrics.readUpstreamsWith(() => ({
      breakers: [{ provider: 'whmcs', family: 'billing', breaker: 'open' }],
      bulkheads: [{ provider: 'whmcs', queued: 3, active: 16 }],
    }));
    const { body } = await metrics.render();
    expect(body).toContain('portico_webhook_queue_depth 7');
    expect(body).toContain('portico_webhook_queue_oldest_age_seconds 12.5');
    expect(body).toContain('portico_realtime_sockets_connected 42');
    expect(body).toContain('portico_upstream_breaker_state{provider="whmcs",family="billing"} 2');
    expect(body).toContain('portico_upstream_bulkhead_queued{provider="whmcs"} 3');
  });
});
