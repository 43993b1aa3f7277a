import { allowBodyMediaTypes, bodyMediaTypeAllowed, crossSiteReason, mediaTypeOf } from './request-boundary';

describe('request boundary', () => {
  it('takes JSON everywhere and another media type only on the path that allows it', () => {
    allowBodyMediaTypes('/api/v1/test/ndjson', ['application/x-ndjson']);
    expect(bodyMediaTypeAllowed('/api/v1/auth/login', 'application/json')).toBe(true);
    expect(bodyMediaTypeAllowed('/api/v1/auth/login', 'application/x-www-form-urlencoded')).toBe(false);
    expect(bodyMediaTypeAllowed('/api/v1/auth/login', 'application/x-ndjson')).toBe(false);
    expect(bodyMediaTypeAllowed('/api/v1/test/ndjson?dry=1', 'application/x-ndjson')).toBe(true);
    expect(bodyMediaTypeAllowed('/api/v1/test/ndjson', 'text/plain')).toBe(false);
    expect(bodyMediaTypeAllowed('/api/v1/test/ndjson', undefined)).toBe(false);
  });

  it('reads the media type without parameters, lower-cased', () => {
    expect(mediaTypeOf('Application/X-NDJSON; charset=utf-8')).toBe('application/x-ndjson');
    expect(mediaTypeOf(undefined)).toBeUndefined();
  });

  it('refuses a foreign Origin and cross-site fetches, and lets server clients without either pass', () => {
    expect(crossSiteReason({ origin: 'https://evil.example' }, 'http://localhost:3000')).toMatch(
      /not allowed/,
    );
    expect(crossSiteReason({ 'sec-fetch-site': 'cross-site' }, 'http://localhost:3000')).toMatch(
      /Cross-site/,
    );
    expect(crossSiteReason({ origin: 'http://localhost:3000' }, 'http://localhost:3000')).toBeNull();
    expect(crossSiteReason({}, 'http://localhost:3000')).toBeNull();
  });
});
