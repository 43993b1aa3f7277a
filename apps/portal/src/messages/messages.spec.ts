import { describe, expect, it } from '@jest/globals';
import de from './de.json';
import en from './en.json';
import { catalogueKeys, catalogueMessage, messageArguments, type Catalogue } from './catalogue-keys';

const catalogues: Record<string, Catalogue> = { en, de };
const enKeys = catalogueKeys(en);

describe('message catalogues', () => {
  it.each(Object.keys(catalogues))('%s holds exactly the keys of every other language', (locale) => {
    const keys = catalogueKeys(catalogues[locale]!);
    const others = Object.entries(catalogues).filter(([l]) => l !== locale);
    for (const [, other] of others) {
      const otherKeys = new Set(catalogueKeys(other));
      expect(keys.filter((k) => !otherKeys.has(k))).toEqual([]);
    }
  });

  it('gives every German message the ICU arguments of its English one', () => {
    const mismatched = enKeys.filter((key) => {
      const german = catalogueMessage(de, key);
      return (
        german !== undefined &&
        messageArguments(german).join() !== messageArguments(catalogueMessage(en, key) ?? '').join()
      );
    });
    expect(mismatched).toEqual([]);
  });

  it.each(Object.keys(catalogues))('%s has no empty message and balanced ICU braces', (locale) => {
    const catalogue = catalogues[locale]!;
    const broken = catalogueKeys(catalogue).filter((key) => {
      const message = catalogueMessage(catalogue, key) ?? '';
      let depth = 0;
      for (const ch of message) {
        depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
        if (depth < 0) return true;
      }
      return message.trim() === '' || depth !== 0;
    });
    expect(broken).toEqual([]);
  });
});

describe('catalogueKeys', () => {
  it('reports a key that exists in one language only', () => {
    const a = catalogueKeys({ shell: { nav: 'Nav', extra: 'Only here' } });
    const b = new Set(catalogueKeys({ shell: { nav: 'Navigation' } }));
    expect(a.filter((k) => !b.has(k))).toEqual(['shell.extra']);
  });

  it('reads the arguments of plain and plural messages', () => {
    expect(messageArguments('{count, plural, one {# day} other {# days}} left for {name}')).toEqual([
      'count',
      'name',
    ]);
    expect(messageArguments('{count} samples{more, select, yes { shown} other {}}')).toEqual([
      'count',
      'more',
    ]);
    expect(messageArguments('({type, select, immediate {immediately} other {later, by {who}}})')).toEqual([
      'type',
      'who',
    ]);
  });
});
