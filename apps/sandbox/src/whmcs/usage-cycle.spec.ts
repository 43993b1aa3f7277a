import { buildSandbox } from '../sandbox.app';

describe('WHMCS daily usage update', () => {
  it('moves diskusage, bwusage and lastupdate of measured services forward, leaving the rest', async () => {
    let now = new Date('2026-03-10T03:00:00Z');
    const { app, store } = buildSandbox({ now: () => now });
    const before = new Map(store.data.services.map((s) => [s.id, { ...s }]));
    now = new Date('2026-03-11T03:00:00Z');
    const res = await app.inject({
      method: 'POST',
      url: '/__admin/whmcs/usage/advance',
      payload: { days: 1 },
    });
    expect(res.statusCode).toBe(200);
    const updated = res.json<{ updated: Array<{ id: number }> }>().updated.map((u) => u.id);
    for (const s of store.data.services) {
      const b = before.get(s.id)!;
      if (updated.includes(s.id)) {
        expect(s.diskusage).toBeGreaterThan(b.diskusage);
        expect(s.bwusage).toBeGreaterThan(b.bwusage);
        expect(s.lastupdate).toBe('2026-03-11 03:00:00');
        expect(['Active', 'Suspended']).toContain(s.status);
      } else {
        expect([s.diskusage, s.bwusage, s.lastupdate]).toEqual([b.diskusage, b.bwusage, b.lastupdate]);
      }
    }
    expect(updated.length).toBeGreaterThan(3);
    // Cancelled and never-measured services are not on a server any more (or never were).
    expect(store.data.services.find((s) => s.status === 'Cancelled')?.lastupdate).not.toBe(
      '2026-03-11 03:00:00',
    );
    await app.close();
  });

  it("restarts the month's bandwidth at the first run of a new month, and keeps lastupdate moving within a second", async () => {
    let now = new Date('2026-03-31T23:00:00Z');
    const { app, store, usageCycle } = buildSandbox({ now: () => now });
    const s = store.data.services.find((x) => x.status === 'Active' && x.bwlimit > 0)!;
    usageCycle.advance();
    const march = s.bwusage;
    now = new Date('2026-04-01T01:00:00Z');
    usageCycle.advance();
    expect(s.bwusage).toBeLessThan(march);
    expect(s.bwusage).toBeGreaterThan(0);
    usageCycle.advance();
    expect(s.lastupdate).toBe('2026-04-01 01:00:01');
    await app.close();
  });

  it("sets one service's figures (MB) with lastupdate now; 404 and 400 for bad input", async () => {
    const now = new Date('2026-03-10T03:00:00Z');
    const { app, store } = buildSandbox({ now: () => now });
    const id = store.data.services[0]!.id;
    const ok = await app.inject({
      method: 'PUT',
      url: `/__admin/whmcs/services/${id}/usage`,
      payload: { diskusage: 4180 },
    });
    expect(ok.statusCode).toBe(200);
    expect(store.data.services[0]).toMatchObject({ diskusage: 4180, lastupdate: '2026-03-10 03:00:00' });
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/__admin/whmcs/services/999/usage',
          payload: { diskusage: 1 },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/__admin/whmcs/services/${id}/usage`,
          payload: { diskusage: -1 },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await app.inject({ method: 'POST', url: '/__admin/whmcs/usage/advance', payload: { days: 0 } }))
        .statusCode,
    ).toBe(400);
    await app.close();
  });
});
