import { describe, expect, it, jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { DataTable, type DataTableColumn } from './data-table';

interface Item {
  id: string;
  name: string;
  amount: number;
  flagged: boolean;
}

const ITEMS: Item[] = [
  { id: 'a', name: 'Alpha', amount: 12, flagged: false },
  { id: 'b', name: 'Beta', amount: 3, flagged: true },
];

const COLUMNS: Array<DataTableColumn<Item>> = [
  { id: 'name', header: 'Name', className: 'cell-title', cell: (i) => i.name },
  {
    id: 'amount',
    header: 'Amount',
    numeric: true,
    className: (i) => (i.flagged ? 'text-danger' : undefined),
    cell: (i) => i.amount.toFixed(2),
  },
  {
    id: 'actions',
    header: 'Actions',
    hideHeader: true,
    cell: (i) => <button type="button">Edit {i.name}</button>,
  },
];

const bodyRows = () => screen.getAllByRole('row').slice(1);

describe('DataTable', () => {
  it('renders column headers with scope, a hidden header for an action column, and the table classes', () => {
    render(<DataTable rows={ITEMS} columns={COLUMNS} getRowId={(i) => i.id} cards data-testid="items" />);
    const table = screen.getByTestId('items');
    expect(table.className).toBe('table cards');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => [h.getAttribute('scope'), h.textContent, h.className])).toEqual([
      ['col', 'Name', ''],
      ['col', 'Amount', 'num'],
      ['col', 'Actions', ''],
    ]);
    expect(headers[2]!.firstElementChild?.className).toBe('visually-hidden');
    // Without sorting no header is a button or claims a sort order.
    expect(within(table).queryAllByRole('button', { name: /Name|Amount/ })).toEqual([]);
    expect(headers.some((h) => h.hasAttribute('aria-sort'))).toBe(false);
  });

  it('labels each cell with its header for the card layout, and classes cells by column and row', () => {
    render(<DataTable rows={ITEMS} columns={COLUMNS} getRowId={(i) => i.id} />);
    const [alpha, beta] = bodyRows();
    const cells = within(beta!).getAllByRole('cell');
    expect(cells.map((c) => c.getAttribute('data-label'))).toEqual(['Name', 'Amount', '']);
    expect(cells.map((c) => c.className)).toEqual(['cell-title', 'num text-danger', '']);
    expect(within(alpha!).getAllByRole('cell')[1]!.className).toBe('num');
    expect(cells.map((c) => c.textContent)).toEqual(['Beta', '3.00', 'Edit Beta']);
  });

  it('keys rows by getRowId, so a reordered row keeps its element', () => {
    const { rerender } = render(<DataTable rows={ITEMS} columns={COLUMNS} getRowId={(i) => i.id} />);
    const beta = bodyRows()[1]!;
    rerender(<DataTable rows={[ITEMS[1]!, ITEMS[0]!]} columns={COLUMNS} getRowId={(i) => i.id} />);
    expect(bodyRows()[0]).toBe(beta);
    expect(beta.textContent).toContain('Beta');
  });

  it('keeps a cell’s elements, and their focus, when the table renders again with new columns', async () => {
    const user = userEvent.setup();
    function Counter() {
      const [count, setCount] = useState(0);
      return (
        <DataTable
          rows={ITEMS.slice(0, 1)}
          getRowId={(i) => i.id}
          columns={[
            {
              id: 'count',
              header: 'Count',
              cell: () => (
                <button type="button" onClick={() => setCount(count + 1)}>
                  Clicked {count}
                </button>
              ),
            },
          ]}
        />
      );
    }
    render(<Counter />);
    const button = screen.getByRole('button', { name: 'Clicked 0' });
    await user.click(button);
    expect(screen.getByRole('button', { name: 'Clicked 1' })).toBe(button);
    expect(document.activeElement).toBe(button);
  });

  it('passes per-row attributes and names the table by aria-label or caption', () => {
    const { rerender } = render(
      <DataTable
        rows={ITEMS}
        columns={COLUMNS}
        getRowId={(i) => i.id}
        aria-label="Items"
        rowProps={(i) => ({ 'data-testid': `item-${i.id}`, 'aria-selected': i.flagged, className: 'picked' })}
      />,
    );
    expect(screen.getByRole('table', { name: 'Items' })).toBeTruthy();
    expect(screen.getByTestId('item-b').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('item-a').className).toBe('picked');
    rerender(<DataTable rows={ITEMS} columns={COLUMNS} getRowId={(i) => i.id} caption="All items" />);
    expect(screen.getByRole('table', { name: 'All items' })).toBeTruthy();
  });

  it('calls onRowClick for a click anywhere on a row except on its links and buttons', async () => {
    const user = userEvent.setup();
    const onRowClick = jest.fn<(item: Item) => void>();
    render(
      <DataTable
        rows={ITEMS}
        columns={[
          ...COLUMNS,
          { id: 'link', header: 'Link', cell: (i) => <a href={`#${i.id}`}>Open {i.name}</a> },
        ]}
        getRowId={(i) => i.id}
        rowProps={() => ({ className: 'picked' })}
        onRowClick={onRowClick}
      />,
    );
    const [alpha, beta] = bodyRows();
    expect(alpha!.className).toBe('rowLink picked');
    // The row is no tab stop of its own: keyboard users open it through the link in it.
    expect(alpha!.hasAttribute('tabindex')).toBe(false);
    await user.click(within(beta!).getAllByRole('cell')[1]!);
    expect(onRowClick.mock.calls).toEqual([[ITEMS[1]]]);
    await user.click(within(beta!).getByRole('button', { name: 'Edit Beta' }));
    await user.click(within(alpha!).getByRole('link', { name: 'Open Alpha' }));
    expect(onRowClick).toHaveBeenCalledTimes(1);
  });

  it('shows the empty content in one row across all columns only when there are no rows', () => {
    const { rerender } = render(
      <DataTable rows={[]} columns={COLUMNS} getRowId={(i) => i.id} empty="Nothing here" />,
    );
    const [empty] = bodyRows();
    const cell = within(empty!).getByRole('cell');
    expect(cell.getAttribute('colspan')).toBe('3');
    expect(cell.textContent).toBe('Nothing here');
    rerender(<DataTable rows={ITEMS} columns={COLUMNS} getRowId={(i) => i.id} empty="Nothing here" />);
    expect(screen.queryByText('Nothing here')).toBeNull();
    rerender(<DataTable rows={[]} columns={COLUMNS} getRowId={(i) => i.id} />);
    expect(bodyRows()).toEqual([]);
  });

  it('renders footer rows in a tfoot after the body', () => {
    render(
      <DataTable
        rows={ITEMS}
        columns={COLUMNS}
        getRowId={(i) => i.id}
        footerTestId="totals"
        footer={
          <tr>
            <th scope="row">Total</th>
            <td className="num">15.00</td>
          </tr>
        }
      />,
    );
    const footer = screen.getByTestId('totals');
    expect(footer.tagName).toBe('TFOOT');
    expect(footer.previousElementSibling?.tagName).toBe('TBODY');
    expect(within(footer).getByRole('rowheader').textContent).toBe('Total');
  });

  it('sorts on the server: sortable headers are buttons that ask for the next order', async () => {
    const user = userEvent.setup();
    const onSort = jest.fn<(column: string, direction: 'asc' | 'desc') => void>();
    const columns: Array<DataTableColumn<Item>> = [
      { id: 'name', header: 'Name', value: (i) => i.name, cell: (i) => i.name },
      { id: 'amount', header: 'Amount', value: (i) => i.amount, cell: (i) => i.amount },
      { id: 'flagged', header: 'Flagged', cell: (i) => (i.flagged ? 'yes' : 'no') },
    ];
    render(
      <DataTable
        rows={ITEMS}
        columns={columns}
        getRowId={(i) => i.id}
        sort={{ column: 'amount', direction: 'desc', onSort, buttonClassName: 'sort' }}
      />,
    );
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.getAttribute('aria-sort'))).toEqual(['none', 'descending', null]);
    expect(within(headers[2]!).queryByRole('button')).toBeNull();
    // The rows stay in the order given: sorting is the server's.
    expect(bodyRows().map((r) => r.firstElementChild?.textContent)).toEqual(['Alpha', 'Beta']);
    await user.click(within(headers[0]!).getByRole('button', { name: 'Name' }));
    expect(onSort).toHaveBeenLastCalledWith('name', 'asc');
    expect(within(headers[0]!).getByRole('button').className).toBe('sort');
  });
});
