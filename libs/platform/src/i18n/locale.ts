/** The languages the platform answers in; English is the source language and the default. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Text in every language the platform speaks. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/**
 * The best of our locales for an Accept-Language header (RFC 9110 §12.5.4): ranges by descending q,
 * ties in the order written, q=0 meaning "not this one". `zh`, `zh-CN`, `zh-SG` and `zh-Hans(-*)` are
 * Simplified Chinese; `zh-TW`, `zh-HK` and `zh-Hant` are not, so they fall through to the next range.
 */
export function negotiateLocale(header: string | string[] | undefined): Locale {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranges = text
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((r) => r.tag.length > 0 && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const { tag } of ranges) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

function localeOfTag(tag: string): Locale | undefined {
  if (tag === '*') return DEFAULT_LOCALE;
  const [language, ...subtags] = tag.split('-');
  if (language === 'en') return 'en';
  if (language !== 'zh') return undefined;
  if (subtags.includes('hant') || subtags.some((s) => ['tw', 'hk', 'mo'].includes(s))) return undefined;
  return 'zh-CN';
}
