import { describe, expect, it, jest } from '@jest/globals';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FORBIDDEN_REASON, type BlockMeta } from '@portico/domain';
import de from '@/messages/de.json';
import { renderWithProviders } from '@/test/render';
import { DashboardBlock } from './dashboard-block';

const meta = (overrides: Partial<BlockMeta>): BlockMeta => ({
  source: 'whmcs',
  fetchedAt: '2026-01-15T10:00:00.000Z',
  stale: false,
  unavailable: false,
  ...overrides,
});

describe('DashboardBlock', () => {
  it('renders its data under a titled region', () => {
    renderWithProviders(
      <DashboardBlock
        title="Billing"
        testId="billing"
        block={{ meta: meta({}), data: { due: 3 } }}
        onRetry={() => undefined}
        retrying={false}
      >
        {(data) => <p>{data.due} invoices due</p>}
      </DashboardBlock>,
    );
    expect(screen.getByRole('region', { name: 'Billing' }).textContent).toContain('3 invoices due');
  });

  it('says why it is unavailable and retries on request, without rendering the data', async () => {
    const onRetry = jest.fn();
    const user = userEvent.setup();
    const children = jest.fn(() => <p>data</p>);
    renderWithProviders(
      <DashboardBlock
        title="Billing"
        block={{
          meta: meta({ unavailable: true, fetchedAt: null, reason: 'Billing system did not answer in time' }),
          data: null,
        }}
        onRetry={onRetry}
        retrying={false}
      >
        {children}
      </DashboardBlock>,
    );
    expect(screen.getByRole('status').textContent).toContain('Temporarily unavailable');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(children).not.toHaveBeenCalled();
  });

  it("says the BFF's reason on an English page and the unreachable source on a German one, also for a last copy", () => {
    const unavailable = meta({
      unavailable: true,
      fetchedAt: null,
      reason: 'Billing system did not answer in time',
    });
    const stale = meta({ stale: true, reason: 'Billing system did not answer in time' });
    const cards = (
      <>
        <DashboardBlock
          title="Billing"
          block={{ meta: unavailable, data: null }}
          onRetry={() => undefined}
          retrying={false}
        >
          {() => <p>data</p>}
        </DashboardBlock>
        <DashboardBlock
          title="Plan"
          block={{ meta: stale, data: { n: 1 } }}
          onRetry={() => undefined}
          retrying={false}
        >
          {() => <p>plan</p>}
        </DashboardBlock>
      </>
    );
    const english = renderWithProviders(cards);
    expect(document.body.textContent).toContain('Billing system did not answer in time.');
    expect(document.body.textContent).toContain('billing system did not answer in time');
    english.unmount();
    renderWithProviders(cards, { locale: 'de', messages: de });
    expect(document.body.textContent).toContain(
      de.block.couldNotReach.replace('{source}', de.block.source.whmcs),
    );
    expect(document.body.textContent).toContain(
      de.block.sourceUnreachable.replace('{source}', de.block.source.whmcs),
    );
    expect(document.body.textContent).not.toContain('did not answer');
  });

  it('shows the retry in progress, disabled', () => {
    renderWithProviders(
      <DashboardBlock
        title="Billing"
        block={{ meta: meta({ unavailable: true, reason: 'down' }), data: null }}
        onRetry={() => undefined}
        retrying
      >
        {() => null}
      </DashboardBlock>,
    );
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Retrying…' }).disabled).toBe(true);
  });

  it('renders nothing for a block the role may not read', () => {
    const { container } = renderWithProviders(
      <DashboardBlock
        title="Billing"
        block={{ meta: meta({ unavailable: true, reason: FORBIDDEN_REASON }), data: null }}
        onRetry={() => undefined}
        retrying={false}
      >
        {() => <p>secret</p>}
      </DashboardBlock>,
    );
    expect(container.innerHTML).toBe('');
  });
});
