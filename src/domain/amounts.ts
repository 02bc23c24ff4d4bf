// Sums of money as official prose writes them: "USD 80 billion", 800亿美元; other units as given.
import type { Locale } from "./locale.ts";

/** Currencies by ISO code, as Chinese official prose names them. */
const ZH_CURRENCY: Record<string, string> = {
  USD: "美元",
  CNY: "元人民币",
  EUR: "欧元",
  RUB: "卢布",
  KGS: "索姆",
  UZS: "苏姆",
  KZT: "坚戈",
  TJS: "索莫尼",
  TMT: "马纳特",
};

const trim = (n: number) => String(Number(n.toFixed(2)));

/** An amount with its unit; a currency in the words of the locale, in billions or 亿 when large. */
export function amountText(amount: number, unit: string | null, locale: Locale): string {
  const currency = unit && /^[A-Z]{3}$/.test(unit) ? unit : null;
  if (locale === "zh") {
    const name = currency ? ZH_CURRENCY[currency] : null;
    const scaled =
      amount >= 1e8 ? `${trim(amount / 1e8)}亿` : amount >= 1e4 ? `${trim(amount / 1e4)}万` : null;
    if (name) return `${scaled ?? amount.toLocaleString("zh-CN")}${name}`;
    return `${amount.toLocaleString("zh-CN")}${unit ?? ""}`;
  }
  const scaled =
    amount >= 1e9
      ? `${trim(amount / 1e9)} billion`
      : amount >= 1e6
        ? `${trim(amount / 1e6)} million`
        : amount.toLocaleString("en-GB");
  if (currency) return `${currency} ${scaled}`;
  return unit ? `${scaled} ${unit}` : scaled;
}
