// The two languages the service speaks. Every stored text exists in both.

export const locales = ["en", "zh"] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

/** The preferred supported language of an Accept-Language header (q-values honoured). */
export function localeFromHeader(
  header: string | null | undefined,
  fallback: Locale = "en",
): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? fallback;
}

/** Picks the text of one language from a pair, falling back to the other when it is missing. */
export function pick(
  locale: Locale,
  en: string | null | undefined,
  zh: string | null | undefined,
): string | null {
  return (locale === "zh" ? (zh ?? en) : (en ?? zh)) ?? null;
}
