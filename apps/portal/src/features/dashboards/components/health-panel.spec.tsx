import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import type { HealthStatusPanelData } from '@portico/domain';
import de from '@/messages/de.json';
import { renderWithProviders } from '@/test/render';
import { HealthPanel } from './health-panel';

const CHECKED = '2026-12-03T08:00:00.000Z';
const data: HealthStatusPanelData = {
  type: 'health_status',
  items: [
    {
      kind: 'service',
      id: '12',
      name: 'Cloud VPS (acme.example)',
      status: 'red',
      reason: 'Suspended in the billing system (billing system not reachable: as of …)',
      reasonCode: 'service_suspended',
      retryAt: null,
      stale: true,
      checkedAt: CHECKED,
    },
    {
      kind: 'upstream',
      id: 'salesforce',
      name: 'Support system',
      status: 'red',
      reason: 'Failing: calls paused until …',
      reasonCode: 'upstream_failing',
      retryAt: '2026-12-03T08:05:00.000Z',
      stale: false,
      checkedAt: CHECKED,
    },
  ],
  meta: { fetchedAt: CHECKED, cached: false, from: '2026-11-26T08:00:00.000Z', to: CHECKED },
};

describe('HealthPanel', () => {
  it("words each item's reason from its code, with the stale copy and the breaker's retry time", () => {
    renderWithProviders(<HealthPanel data={data} />);
    const [service, upstream] = screen.getAllByTestId('health-item');
    expect(service!.textContent).toContain(
      'Suspended in the billing system (billing system not reachable: as of',
    );
    expect(upstream!.textContent).toContain('Support system');
    expect(upstream!.textContent).toMatch(/Failing: calls paused until .*2026/);
  });

  it('speaks German, provider names included', () => {
    renderWithProviders(<HealthPanel data={data} />, { locale: 'de', messages: de });
    const [service, upstream] = screen.getAllByTestId('health-item');
    expect(service!.textContent).toContain(
      'Gesperrt im Abrechnungssystem (Abrechnungssystem nicht erreichbar: Stand',
    );
    expect(upstream!.textContent).toContain('Supportsystem');
    expect(upstream!.textContent).toContain('Fehler: Aufrufe pausiert bis');
    expect(upstream!.textContent).not.toContain('Failing');
  });
});
