// Schedules as users write them (GraphQL input, CLI flags) → checked, stored records.
import { randomBytes } from "node:crypto";
import { eq, inArray, or } from "drizzle-orm";
import { templateNames } from "../briefs/model.ts";
import type { Db } from "../db/client.ts";
import { countries, relationships, type schedules } from "../db/schema.ts";
import { isLocale, type Locale } from "../domain/locale.ts";
import { isTimeZone, type PeriodRule, periodRules } from "../domain/periods.ts";
import { relationshipKey } from "../domain/relationship-key.ts";
import { parseCron, ScheduleSpecError } from "./due.ts";

export type WebhookTarget = { type: "webhook"; url: string; secret: string };
export type EmailTarget = { type: "email"; to: string[] };
export type Target = WebhookTarget | EmailTarget;
export type Scope = { relationships?: string[]; countries?: string[] };

export type ScheduleInput = {
  name: string;
  cron: string;
  timezone: string;
  template?: string | null;
  period?: string | null;
  scope: Scope;
  locales?: string[] | null;
  targets?: ({ type: "webhook"; url: string; secret?: string | null } | EmailTarget)[] | null;
  enabled?: boolean | null;
  owner?: string | null;
  catchUp?: number | null;
};

export type ScheduleRow = typeof schedules.$inferSelect;

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** A stable name for a target: deliveries are recorded per target, so a retry skips sent ones. */
export function targetKey(target: Target): string {
  return target.type === "webhook" ? `webhook:${target.url}` : `email:${target.to.join(",")}`;
}

/** Validates a schedule; unknown countries and relationships are checked against the database. */
export function checkSchedule(db: Db, input: ScheduleInput) {
  const name = input.name.trim();
  if (!name || name.length > 120) throw new ScheduleSpecError("a name of 1–120 characters", "name");
  if (!isTimeZone(input.timezone)) {
    throw new ScheduleSpecError(`unknown IANA time zone "${input.timezone}"`, "timezone");
  }
  parseCron(input.cron, input.timezone);
  const template = input.template ?? "weekly-summary";
  if (!(templateNames as readonly string[]).includes(template)) {
    throw new ScheduleSpecError(`unknown template "${template}"`, "template");
  }
  const period = (input.period ?? "previous_iso_week") as PeriodRule;
  if (!periodRules.includes(period)) {
    throw new ScheduleSpecError(
      `unknown period rule "${input.period}"; use ${periodRules.join(", ")}`,
      "period",
    );
  }
  const locales = input.locales?.length ? input.locales.map((l) => l.toLowerCase()) : ["en"];
  const badLocale = locales.find((l) => !isLocale(l));
  if (badLocale) throw new ScheduleSpecError(`unsupported locale "${badLocale}"`, "locales");
  const catchUp = input.catchUp ?? 4;
  if (!Number.isInteger(catchUp) || catchUp < 1 || catchUp > 52) {
    throw new ScheduleSpecError("catchUp is a whole number from 1 to 52", "catchUp");
  }
  const scope = checkScope(db, input.scope);
  const targets: Target[] = (input.targets ?? []).map((target, i) => {
    if (target.type === "webhook") {
      let url: URL;
      try {
        url = new URL(target.url);
      } catch {
        throw new ScheduleSpecError(`"${target.url}" is not a URL`, `targets[${i}].url`);
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new ScheduleSpecError("a webhook URL must be http(s)", `targets[${i}].url`);
      }
      return { type: "webhook", url: url.toString(), secret: target.secret ?? newWebhookSecret() };
    }
    if (target.to.length === 0 || !target.to.every((to) => EMAIL.test(to))) {
      throw new ScheduleSpecError("email targets need valid addresses", `targets[${i}].to`);
    }
    return { type: "email", to: [...target.to] };
  });
  return {
    name,
    cron: input.cron.trim(),
    timezone: input.timezone,
    template,
    period,
    scope,
    locales: locales as Locale[],
    targets,
    enabled: input.enabled ?? true,
    owner: input.owner ?? null,
    catchUp,
  };
}

/** Standard Webhooks secrets: "whsec_" and base64 of random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

function checkScope(db: Db, scope: Scope): Required<Scope> {
  const codes = (scope.countries ?? []).map((c) => c.toUpperCase());
  const pairs = (scope.relationships ?? []).map((r) => relationshipKey(r.split(/[-,\s]+/)));
  if (codes.length === 0 && pairs.length === 0) {
    throw new ScheduleSpecError("the scope names no relationship or country", "scope");
  }
  if (codes.length > 0) {
    const known = new Set(
      db
        .select({ code: countries.code })
        .from(countries)
        .where(inArray(countries.code, codes))
        .all()
        .map((c) => c.code),
    );
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length)
      throw new ScheduleSpecError(`unknown countries: ${unknown.join(", ")}`, "scope.countries");
  }
  if (pairs.length > 0) {
    const known = new Set(
      db
        .select({ key: relationships.key })
        .from(relationships)
        .where(inArray(relationships.key, pairs))
        .all()
        .map((r) => r.key),
    );
    const unknown = pairs.filter((p) => !known.has(p));
    if (unknown.length) {
      throw new ScheduleSpecError(
        `no relationship recorded for: ${unknown.join(", ")}`,
        "scope.relationships",
      );
    }
  }
  return { relationships: pairs, countries: codes };
}

/** The relationships a schedule's scope covers, by key, in key order. */
export function relationshipsInScope(db: Db, scope: Required<Scope>): string[] {
  const byCountry = scope.countries.length
    ? db
        .select({ key: relationships.key })
        .from(relationships)
        .innerJoin(
          countries,
          or(
            eq(countries.id, relationships.countryAId),
            eq(countries.id, relationships.countryBId),
          ),
        )
        .where(inArray(countries.code, scope.countries))
        .all()
        .map((r) => r.key)
    : [];
  return [...new Set([...scope.relationships, ...byCountry])].sort();
}
