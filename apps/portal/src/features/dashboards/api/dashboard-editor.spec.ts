import { describe, expect, it } from '@jest/globals';
import { createSavedDashboardSchema, type Panel } from '@portico/domain';
import { addPanel, freeId, nameFromTitle, PANEL_PALETTE, placePanel } from './dashboard-editor';
import { customRange, customRangeDates, customRangeDays, describeCustomRange } from './dashboard-range';

describe('dashboard editor helpers', () => {
  it('adds palette panels below each other with fresh ids, and the result passes the saved dashboard schema', () => {
    let panels: Panel[] = [];
    panels = addPanel(panels, PANEL_PALETTE[0]!);
    panels = addPanel(panels, PANEL_PALETTE[0]!);
    panels = addPanel(panels, PANEL_PALETTE[2]!);
    expect(panels.map((p) => p.id)).toEqual(['api-requests', 'api-requests-2', 'disk-trend']);
    expect(panels.map((p) => p.gridPos)).toEqual([
      { x: 0, y: 0, w: 3, h: 2 },
      { x: 0, y: 2, w: 3, h: 2 },
      { x: 0, y: 4, w: 6, h: 4 },
    ]);
    const parsed = createSavedDashboardSchema.safeParse({
      name: 'mine',
      title: 'Mine',
      visibility: 'shared',
      panels,
    });
    expect(parsed.success).toBe(true);
  });

  it('moves and resizes within the 12 columns; an overlap is left for the schema to report', () => {
    const panels = addPanel(addPanel([], PANEL_PALETTE[0]!), PANEL_PALETTE[1]!);
    expect(placePanel(panels, 0, { x: 11 })[0]!.gridPos).toEqual({ x: 9, y: 0, w: 3, h: 2 });
    expect(placePanel(panels, 0, { w: 20 })[0]!.gridPos).toEqual({ x: 0, y: 0, w: 12, h: 2 });
    expect(placePanel(panels, 0, { y: -3, h: 0 })[0]!.gridPos).toEqual({ x: 0, y: 0, w: 3, h: 1 });
    const overlapping = placePanel(panels, 1, { y: 1 });
    const parsed = createSavedDashboardSchema.safeParse({ name: 'x', title: 'X', panels: overlapping });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/overlaps panels\[0\]/);
  });

  it('names from titles and free ids', () => {
    expect(nameFromTitle('  My Bandwidth — 2026! ')).toBe('my-bandwidth-2026');
    expect(nameFromTitle('2026')).toBe('my-dashboard');
    expect(freeId([{ id: 'a' }, { id: 'a-2' }], 'a')).toBe('a-3');
  });
});

describe('custom range (date-fns)', () => {
  it('spans whole UTC days, both ends included', () => {
    expect(customRange('2026-11-01', '2026-11-30')).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
    expect(customRangeDays('2026-11-01', '2026-11-30')).toBe(30);
    expect(customRangeDates({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(describeCustomRange('2026-12-01', '2026-12-01')).toBe('1 Dec 2026 – 1 Dec 2026 (1 day)');
  });

  it('refuses reversed, invalid and over-long spans', () => {
    expect(customRange('2026-11-30', '2026-11-01')).toBeNull();
    expect(customRange('2026-02-30', '2026-03-01')).toBeNull();
    expect(customRange('', '2026-03-01')).toBeNull();
    expect(customRange('2025-01-01', '2026-03-01')).toBeNull();
    expect(describeCustomRange('x', '2026-03-01')).toBeNull();
  });
});
