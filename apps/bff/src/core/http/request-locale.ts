import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { localeSchema, type Locale } from '@portico/domain';
import Negotiator from 'negotiator';

/** Headers already negotiated (the status route reads one per request). */
const negotiated = new Map<string, Locale>();
const NEGOTIATED_MAX = 256;

/**
 * The supported language (`en`, `de`) a request's `Accept-Language` header prefers (RFC 9110 q-values and
 * language-range prefixes, via `negotiator`: `de-AT,en;q=0.5` gives `de`), English when it names none or is absent.
 * The portal sends its page's language; other clients their own preference.
 */
export function localeOfRequest(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'en';
  let locale = negotiated.get(header);
  if (locale === undefined) {
    const [best] = new Negotiator({ headers: { 'accept-language': header } }).languages([
      ...localeSchema.options,
    ]);
    const parsed = localeSchema.safeParse(best);
    locale = parsed.success ? parsed.data : 'en';
    // Browsers send a handful of distinct headers: remember them (bounded, so odd headers cannot grow it).
    if (negotiated.size >= NEGOTIATED_MAX) negotiated.clear();
    negotiated.set(header, locale);
  }
  return locale;
}

/** `@RequestLocale() locale: Locale`: the request's language by {@link localeOfRequest}. */
export const RequestLocale = createParamDecorator((_data: unknown, ctx: ExecutionContext): Locale => {
  const request = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  return localeOfRequest(request.headers['accept-language']);
});
