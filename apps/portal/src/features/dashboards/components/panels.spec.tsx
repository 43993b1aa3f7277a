import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { KpiPanelData, TablePanelData } from '@portico/domain';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { renderWithProviders } from '@/test/render';
import { DateFilter } from './date-filter';
import { KpiPanel } from './kpi-panel';
import { TablePanel } from './table-panel';
import { formatUsage } from '@/features/usage/usage-format';

const kpi = (overrides: Partial<KpiPanelData>): KpiPanelData =>
  ({
    type: 'kpi',
    measure: 'balance_due',
    value: 123456,
    unit: 'money',
    currency: 'EUR',
    decimals: 2,
    previous: 100000,
    change: 0.23456,
    threshold: null,
    detail: null,
    parts: [],
    meta: {},
    ...overrides,
  }) as KpiPanelData;

const table: TablePanelData = {
  type: 'table',
  columns: [
    { key: 'name', label: 'Service', kind: 'text' },
    { key: 'amount', label: 'Amount', kind: 'money' },
    { key: 'requests', label: 'Requests', kind: 'number' },
  ],
  rows: [{ name: 'Business Hosting', amount: 123456, currency: 'EUR', requests: 12345.678 }],
  page: { page: 1, pageSize: 20, total: 41 },
  sort: { column: 'name', direction: 'asc' },
  filter: '',
  meta: {},
} as unknown as TablePanelData;

describe('DateFilter', () => {
  it('applies a preset, and a custom range only when it is a valid span', async () => {
    const onChange = jest.fn();
    const user = userEvent.setup();
    renderWithProviders(<DateFilter range={{ preset: '7d' }} onChange={onChange} />);
    expect(screen.getByRole('radio', { name: '7 d' }).getAttribute('aria-checked')).toBe('true');
    await user.click(screen.getByRole('radio', { name: '30 d' }));
    expect(onChange).toHaveBeenLastCalledWith({ preset: '30d' });

    fireEvent.change(screen.getByLabelText('From date'), { target: { value: '2026-12-07' } });
    fireEvent.change(screen.getByLabelText('To date'), { target: { value: '2026-12-01' } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Choose a start on or before the end, at most 400 days apart.',
    );
    expect(onChange).toHaveBeenCalledTimes(1);

    fireEvent.change(screen.getByLabelText('From date'), { target: { value: '2026-12-01' } });
    expect(screen.getByTestId('custom-range-summary').textContent).toBe('Dec 1, 2026 – Dec 1, 2026 (1 day)');
    fireEvent.change(screen.getByLabelText('To date'), { target: { value: '2026-12-07' } });
    expect(screen.getByTestId('custom-range-summary').textContent).toBe('Dec 1, 2026 – Dec 7, 2026 (7 days)');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onChange).toHaveBeenLastCalledWith({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-08T00:00:00.000Z',
    });
  });

  it('describes the range in German', () => {
    renderWithProviders(
      <DateFilter
        range={{ from: '2026-12-01T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' }}
        onChange={() => undefined}
      />,
      { locale: 'de', messages: de },
    );
    expect(screen.getByRole('group', { name: 'Zeitraum' })).toBeTruthy();
    expect(screen.getByTestId('custom-range-summary').textContent).toBe('01.12.2026 – 07.12.2026 (7 Tage)');
    expect(screen.getByRole('button', { name: 'Anwenden' })).toBeTruthy();
  });
});

describe('KpiPanel', () => {
  it('shows money and the change against the previous period', () => {
    renderWithProviders(<KpiPanel data={kpi({})} />);
    expect(screen.getByTestId('kpi-value').textContent).toBe('€1,234.56');
    expect(screen.getByText('▲ 23.5% vs previous period')).toBeTruthy();
    expect(screen.getByTitle('Previous period: €1,000.00')).toBeTruthy();
  });

  it('writes numbers the German way', () => {
    renderWithProviders(<KpiPanel data={kpi({ change: -0.1 })} />, { locale: 'de', messages: de });
    expect(screen.getByTestId('kpi-value').textContent).toBe('1.234,56\u00a0€');
    // Testing Library folds the no-break space before % into a plain one.
    expect(screen.getByText('▼ 10 % gegenüber der Vorperiode')).toBeTruthy();
  });

  it('says when there is nothing to compare with', () => {
    renderWithProviders(
      <KpiPanel data={kpi({ unit: 'percent', value: 42.25, previous: null, change: null })} />,
    );
    expect(screen.getByTestId('kpi-value').textContent).toBe('42.25%');
    expect(screen.getByText('No previous period to compare')).toBeTruthy();
  });
});

describe('TablePanel', () => {
  it('formats cells for the language and pages through the BFF', async () => {
    const onPage = jest.fn();
    const user = userEvent.setup();
    renderWithProviders(
      <TablePanel
        data={table}
        onSort={() => undefined}
        onPage={onPage}
        filter=""
        onFilter={() => undefined}
      />,
      { locale: 'de', messages: de },
    );
    const [row] = screen.getAllByRole('row').slice(1);
    const cells = within(row!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['Business Hosting', '1.234,56\u00a0€', '12.345,68']);
    expect(screen.getByText('41 Zeilen · Seite 1 von 3')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Weiter' }));
    expect(onPage).toHaveBeenCalledWith(2);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Zurück' }).disabled).toBe(true);
  });
  it('words cells of a known vocabulary as the pages do, and humanizes any other value', () => {
    const statuses = {
      ...table,
      columns: [
        { key: 'status', label: 'Status', kind: 'status', vocabulary: 'invoice' },
        { key: 'priority', label: 'Priorität', kind: 'status', vocabulary: 'priority' },
        { key: 'stage', label: 'Stufe', kind: 'status' },
        { key: 'action', label: 'Aktion', kind: 'text', vocabulary: 'audit_action' },
      ],
      rows: [
        { status: 'unpaid', priority: 'high', stage: 'in_review', action: 'member.invited' },
        { status: 'on_hold', priority: 'low', stage: 'done', action: 'widget.polished' },
      ],
    } as unknown as TablePanelData;
    const cellsIn = (locale: 'de' | 'en') => {
      const view = renderWithProviders(
        <TablePanel
          data={statuses}
          onSort={() => undefined}
          onPage={() => undefined}
          filter=""
          onFilter={() => undefined}
        />,
        { locale, messages: locale === 'de' ? de : en },
      );
      const rows = screen.getAllByRole('row').slice(1);
      const text = rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
      view.unmount();
      return text;
    };
    expect(cellsIn('de')).toEqual([
      [de.status.invoice.unpaid, de.status.priority.high, 'In review', de.audit.actions.member.invited],
      // Values the catalogue does not know: humanized, and an audit action in the domain's English words.
      ['On hold', de.status.priority.low, 'Done', 'Widget: polished'],
    ]);
    expect(cellsIn('en')[0]).toEqual([
      'Unpaid',
      'High priority',
      'In review',
      en.audit.actions.member.invited,
    ]);
  });

  it('words usage values in their unit, in the page language', () => {
    const points = {
      ...table,
      columns: [
        { key: 'bandwidth', label: 'Bandbreite', kind: 'number', unit: 'bytes' },
        { key: 'requests', label: 'Anfragen', kind: 'number', unit: 'requests' },
        { key: 'plain', label: 'Zahl', kind: 'number' },
      ],
      rows: [{ bandwidth: 1_810_404_437.5, requests: 12_345_678, plain: 1234.5 }],
    } as unknown as TablePanelData;
    renderWithProviders(
      <TablePanel
        data={points}
        onSort={() => undefined}
        onPage={() => undefined}
        filter=""
        onFilter={() => undefined}
      />,
      { locale: 'de', messages: de },
    );
    const [row] = screen.getAllByRole('row').slice(1);
    const cells = within(row!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      formatUsage(1_810_404_437.5, 'bytes', { locale: 'de' }),
      formatUsage(12_345_678, 'requests', { locale: 'de' }),
      '1.234,5',
    ]);
    // 1,810,404,437.5 bytes are 1.69 GiB, written GB as on the usage page.
    expect(cells[0]).toMatch(/^1,7 GB$/);
  });

  it('asks the BFF for another order from a header, text first ascending, figures first descending', async () => {
    const onSort = jest.fn();
    const user = userEvent.setup();
    renderWithProviders(
      <TablePanel
        data={table}
        onSort={onSort}
        onPage={() => undefined}
        filter=""
        onFilter={() => undefined}
      />,
    );
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.getAttribute('aria-sort'))).toEqual(['ascending', 'none', 'none']);
    await user.click(within(headers[0]!).getByRole('button', { name: 'Service' }));
    expect(onSort).toHaveBeenLastCalledWith('name:desc');
    await user.click(within(headers[1]!).getByRole('button', { name: 'Amount' }));
    expect(onSort).toHaveBeenLastCalledWith('amount:desc');
    expect(onSort).toHaveBeenCalledTimes(2);
  });

  it('offers the order as a select for the card layout on phones, and asks the BFF for the chosen one', async () => {
    const onSort = jest.fn();
    const user = userEvent.setup();
    renderWithProviders(
      <TablePanel
        data={table}
        onSort={onSort}
        onPage={() => undefined}
        filter=""
        onFilter={() => undefined}
      />,
      { locale: 'de', messages: de },
    );
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Zeilen sortieren' });
    expect(select.value).toBe('name:asc');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Service, aufsteigend',
      'Service, absteigend',
      'Amount, aufsteigend',
      'Amount, absteigend',
      'Requests, aufsteigend',
      'Requests, absteigend',
    ]);
    await user.selectOptions(select, 'requests:desc');
    expect(onSort).toHaveBeenCalledWith('requests:desc');
    // Each cell carries its column's name for the card layout.
    const [row] = screen.getAllByRole('row').slice(1);
    expect(
      within(row!)
        .getAllByRole('cell')
        .map((c) => c.getAttribute('data-label')),
    ).toEqual(['Service', 'Amount', 'Requests']);
  });

  it('says when no row matches the filter', () => {
    renderWithProviders(
      <TablePanel
        data={{ ...table, rows: [], filter: 'nothing', page: { page: 1, pageSize: 20, total: 0 } }}
        onSort={() => undefined}
        onPage={() => undefined}
        filter="nothing"
        onFilter={() => undefined}
      />,
    );
    const [, empty] = screen.getAllByRole('row');
    expect(within(empty!).getByRole('cell').getAttribute('colspan')).toBe('3');
    expect(empty!.textContent).toBe(en.dashboards.table.noMatch);
  });
});
