import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import type { AuditEventView } from '@portico/domain';
import { renderWithProviders } from '@/test/render';
import { AuditTable } from './audit-table';

const event = (overrides: Partial<AuditEventView>): AuditEventView =>
  ({
    id: 'e1',
    occurredAt: '2026-01-15T10:00:00.000Z',
    action: 'member.role_changed',
    actor: { id: 'u1', name: 'Olive Owner', email: 'olive@acme.example' },
    target: 'user:u2',
    ip: '203.0.113.7',
    userAgent: null,
    requestId: 'r1',
    metadata: { from: 'viewer', to: 'admin' },
    ...overrides,
  }) as AuditEventView;

describe('AuditTable', () => {
  it('shows when, who, the action in plain words, the target and the IP', () => {
    renderWithProviders(<AuditTable events={[event({})]} />);
    const [row] = within(screen.getByTestId('audit-table')).getAllByRole('row').slice(1);
    const cells = within(row!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells[1]).toContain('Olive Owner');
    expect(cells[2]).not.toBe('member.role_changed');
    expect(cells[3]).toBe('user:u2');
    expect(cells[4]).toBe('203.0.113.7');
    expect(
      within(row!)
        .getByText((_, el) => el?.tagName === 'TIME')
        .getAttribute('datetime'),
    ).toBe('2026-01-15T10:00:00.000Z');
  });

  it('falls back to the reason in words when there is no target', () => {
    renderWithProviders(
      <AuditTable
        events={[
          event({
            id: 'e2',
            action: 'auth.session_revoked',
            target: null,
            metadata: { reason: 'password_changed' },
          }),
        ]}
      />,
    );
    expect(screen.getByText('password changed')).toBeTruthy();
  });
});
