// Turning what a caller asked for (GraphQL input, CLI flags, a schedule) into a checked BriefSpec.
// Pure: the clock's date comes in as `today`; unknown countries and relationships are checked
// against the database by gather, which knows what is recorded.
import { addDays, isIsoDate, yearEndingOn } from "../domain/dates.ts";
import { isLocale } from "../domain/locale.ts";
import { relationshipKey } from "../domain/relationship-key.ts";
import { BriefInputError } from "./errors.ts";
import { type BriefSpec, paperFormats, type TemplateName, templateNames } from "./model.ts";
import { scopeOf } from "./scope.ts";

export type BriefRequest = {
  template?: string | null;
  /** One relationship, as two country codes. */
  between?: readonly string[] | null;
  /** A weekly summary's relationships instead ("CN-KG"), and countries whose every one it covers. */
  relationships?: readonly string[] | null;
  countries?: readonly string[] | null;
  period?: { from?: string | null; to?: string | null } | null;
  asOf?: string | null;
  locale?: string | null;
  format?: string | null;
  event?: string | null;
  /** A summary's period, for its title: daily, weekly (the default) or monthly. */
  cadence?: "daily" | "weekly" | "monthly" | null;
};

const COUNTRY = /^[A-Za-z]{2}$/;

export function normalizeSpec(request: BriefRequest, today: string): BriefSpec {
  const named = request.relationships != null || request.countries != null;
  // Several relationships or a country ask for the one brief that covers them.
  const template = (request.template ??
    (named ? "weekly-summary" : "briefing-note")) as TemplateName;
  if (!templateNames.includes(template)) {
    throw new BriefInputError(
      `unknown template "${request.template}"; known: ${templateNames.join(", ")}`,
      "template",
    );
  }
  const locale = (request.locale ?? "en").toLowerCase();
  if (!isLocale(locale)) {
    throw new BriefInputError(`unsupported locale "${request.locale}"; use en or zh`, "locale");
  }
  const format = request.format ?? "A4";
  if (!(paperFormats as readonly string[]).includes(format)) {
    throw new BriefInputError(`unsupported paper format "${format}"; use A4 or Letter`, "format");
  }
  for (const [name, value] of [
    ["asOf", request.asOf],
    ["period.from", request.period?.from],
    ["period.to", request.period?.to],
  ] as const) {
    if (value && !isIsoDate(value)) {
      throw new BriefInputError(`"${value}" is not a calendar date (YYYY-MM-DD)`, name);
    }
  }
  // A period already over is briefed as of its last day unless asked otherwise: as a reader of
  // that day knew it, and dated so.
  const ended = request.period?.to && request.period.to < today ? request.period.to : null;
  const asOf = request.asOf ?? ended ?? today;
  const to = request.period?.to ?? asOf;
  const from =
    request.period?.from ?? (template === "weekly-summary" ? addDays(to, -6) : yearEndingOn(to));
  if (from > to) {
    throw new BriefInputError(`the period is inverted: ${from} is after ${to}`, "period");
  }
  if (template === "event-brief" && !request.event) {
    throw new BriefInputError("an event-brief needs the event's key", "event");
  }
  const base = { period: { from, to }, asOf, locale, format: format as BriefSpec["format"] };
  if (named && request.between != null) {
    throw new BriefInputError(
      "name the relationship by between, or by relationships and countries, not both",
      "between",
    );
  }
  if (template === "weekly-summary") {
    const scope = named
      ? scopeOf(request)
      : { relationships: [pairOf(request.between).join("-")], countries: [] };
    const cadence =
      request.cadence && request.cadence !== "weekly" ? { cadence: request.cadence } : {};
    return { template, ...base, scope, ...cadence };
  }
  if (named) {
    throw new BriefInputError(
      "only a weekly-summary covers several relationships; name one by between",
      "relationships",
    );
  }
  // Keys in this order: the reference number is a digest of the spec as written.
  const between = pairOf(request.between);
  if (template === "event-brief")
    return { template, between, ...base, event: request.event as string };
  return { template, between, ...base };
}

/** Two different country codes, as the relationship's key orders them. */
function pairOf(given: readonly string[] | null | undefined): [string, string] {
  const codes = (given ?? []).map((c) => c.trim());
  if (codes.length !== 2 || !codes.every((c) => COUNTRY.test(c))) {
    throw new BriefInputError("between takes two ISO 3166-1 alpha-2 country codes", "between");
  }
  if (codes[0]?.toUpperCase() === codes[1]?.toUpperCase()) {
    throw new BriefInputError("between takes two different countries", "between");
  }
  return relationshipKey(codes).split("-") as [string, string];
}
