import { localeOfRequest } from './request-locale';

describe('localeOfRequest', () => {
  it.each([
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['de-AT', 'de'],
    ['en-US,en;q=0.9,de;q=0.8', 'en'],
    ['fr-FR,de;q=0.5', 'de'],
    ['fr-FR', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [['fr', 'de;q=0.4'], 'de'],
    ['de;q=0,en;q=0.1', 'en'],
  ])('%j gives %s', (header, locale) => {
    expect(localeOfRequest(header)).toBe(locale);
  });
});
