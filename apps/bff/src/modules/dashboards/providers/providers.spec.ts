import { panelTranslator } from '../i18n/panel-translator';
import { renderPanelTemplate } from '../panel-data.service';
import { escapeXml, heatLevel, renderCalendarHeatmap } from './usage-heatmap.provider';
import { panelProviderRegistry } from './index';

describe('panel providers', () => {
  it('registers the shipped providers by decorator, with their kinds and permissions', () => {
    expect(panelProviderRegistry.names()).toEqual(['account-summary', 'usage-heatmap']);
    expect(panelProviderRegistry.get('usage-heatmap')).toMatchObject({
      kind: 'image',
      permission: 'usage:read',
    });
    expect(panelProviderRegistry.get('account-summary')?.params.safeParse({ metrics: [] }).success).toBe(
      false,
    );
  });

  describe('template rendering', () => {
    it("escapes values and the template's own markup; missing values render empty", () => {
      const html = renderPanelTemplate('<b>{{name}}</b> {{missing}}!{{#items}} [{{.}}]{{/items}}', {
        name: '<script>x</script>',
        items: ['a&b'],
      });
      expect(html).toBe('&lt;b&gt;&lt;script&gt;x&lt;&#x2F;script&gt;&lt;&#x2F;b&gt; ! [a&amp;b]');
      expect(html).not.toContain('<');
    });
  });

  describe('calendar heatmap', () => {
    const DAY = 86_400_000;
    const start = new Date('2026-11-02T00:00:00Z'); // a Monday
    it('levels: 0 for no use, 1..4 in four steps from the quietest to the busiest day', () => {
      expect([0, 50, 60, 75, 90, 100].map((v) => heatLevel(v, 50, 100))).toEqual([0, 1, 1, 2, 4, 4]);
      expect(heatLevel(5, 0, 0)).toBe(0);
      expect(heatLevel(7, 7, 7)).toBe(4);
    });
    it('draws one cell per day with an escaped title, weeks as columns', () => {
      const values = new Map([
        [start.getTime(), 10],
        [start.getTime() + 8 * DAY, 20],
      ]);
      const img = renderCalendarHeatmap({
        start,
        days: 14,
        values,
        label: 'Use <daily>',
        format: (v) => `${v} GB`,
      });
      expect(img.mediaType).toBe('image/svg+xml');
      expect(img.body.match(/<rect [^>]*><title>/g)).toHaveLength(14);
      expect(img.body).toContain('<title>Nov 10, 2026: 20 GB</title>');
      expect(img.body).toContain('<title>Nov 3, 2026: no data</title>');
      expect(img.body).toContain('>Mon</text>');
      expect(img.body).toContain('>Less</text>');
      expect(img.body).toContain('aria-label="Use &lt;daily&gt;"');
      // Two weeks: the second Monday is one column to the right of the first.
      expect(img.body).toMatch(
        /<rect x="44" y="18" width="12" height="12" rx="2" fill="#[0-9a-f]{6}"><title>Nov 9, 2026/,
      );
    });
    it("words its names, dates, legend and empty days in the translator's language", () => {
      const img = renderCalendarHeatmap({
        start,
        days: 14,
        values: new Map([[start.getTime() + 8 * DAY, 20]]),
        label: 'Bandbreite, täglich, 14 Tage',
        format: (v) => `${v} GB`,
        translator: panelTranslator('de'),
      });
      expect(img.body).toContain('<title>10.11.2026: 20 GB</title>');
      expect(img.body).toContain('<title>03.11.2026: keine Daten</title>');
      expect(img.body).toContain('>Nov</text>');
      expect(img.body).toMatch(/>Mo<\/text>.*>Mi<\/text>.*>Fr<\/text>/);
      expect(img.body).toContain('>Weniger</text>');
      expect(img.body).toContain('>Mehr</text>');
      expect(img.body).not.toMatch(/>(Less|More|Mon)</);
      // The longer German "Weniger" pushes the ramp right, clear of the word.
      expect(img.body).toMatch(/<rect x="78" y="[0-9]+" width="12" height="12" rx="2" fill="#e5e7eb"\/>/);
    });

    it('escapes XML', () => {
      expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
        '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
      );
    });
  });
});
