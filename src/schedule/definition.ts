// Schedules as users write them (GraphQL input, CLI flags) → checked values ready to store.
// Refusals name the field as the GraphQL input spells it, under the caller's prefix.
import { randomBytes } from "node:crypto";
// validator's one check, not its index (which loads every check: ~100 modules at start-up).
import isEmailModule from "validator/lib/isEmail.js";
import { templateNames } from "../briefs/model.ts";
import { checkScope, scopeOf } from "../briefs/scope.ts";
import type { Db } from "../db/client.ts";
import type { schedules } from "../db/schema.ts";
import { isLocale, type Locale } from "../domain/locale.ts";
import { isTimeZone, type PeriodRule, periodRules } from "../domain/periods.ts";
import { nameProblem } from "../domain/plain-text.ts";
import { argumentAt, badInput } from "../domain/refusal.ts";
import type { WebhookAllowList } from "../net/allow-list.ts";
import { destinationProblem } from "./delivery/destination.ts";
import { parseCron } from "./due.ts";

// A CommonJS module: its function is `default` of what is imported (and is what is imported, at run time).
const isEmail = isEmailModule.default;

export type TargetRole = "delivery" | "alert";

/** The templates a schedule can run: all but the event brief, which needs an event's key. */
export const scheduleTemplates = templateNames.filter((t) => t !== "event-brief");

/** One target as given: a webhook URL (optional secret) or email addresses (one target each). */
export type TargetInput = {
  webhook?: string | null;
  secret?: string | null;
  email?: string[] | null;
  locales?: string[] | null;
  alert?: boolean | null;
};

export type ScheduleInput = {
  name: string;
  cron: string;
  timezone: string;
  template?: string | null;
  period?: string | null;
  relationships?: string[] | null;
  countries?: string[] | null;
  locales?: string[] | null;
  /** Absent on update: the targets stay as they are. */
  targets?: TargetInput[] | null;
  enabled?: boolean | null;
  owner?: string | null;
  catchUp?: number | null;
  skipIfEmpty?: boolean | null;
};

/** What a schedule may do here: where webhooks may go, whether mail can be sent at all. */
export type DeliveryPolicy = { allow: WebhookAllowList; smtpConfigured: boolean };

export type ScheduleRow = typeof schedules.$inferSelect;

/** A target ready to store (its secret generated if none was given). */
export type CheckedTarget =
  | {
      kind: "webhook";
      role: TargetRole;
      url: string;
      secret: string | null;
      locales: Locale[] | null;
    }
  | { kind: "email"; role: TargetRole; address: string; locales: Locale[] | null };

/**
 * One address, strictly: "a,b@example.org" or "Name <a@b>" are not one address. Plain ASCII
 * only: "ａ@example.org" (full-width) and "a\u200b@example.org" (zero-width space) look like
 * a@example.org, would pass "already a target" beside it, and need SMTPUTF8 to be sent at all.
 * Refused rather than normalised (NFKC): NFKC keeps the zero-width space, and silently mailing
 * an address other than the one typed is worse than asking for it again. A domain of other
 * scripts is written in its xn-- form.
 */
export function isEmailAddress(address: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(address)) return false;
  return isEmail(address, {
    allow_display_name: false,
    require_tld: true,
    allow_ip_domain: false,
  });
}

/** Validates a schedule's own fields (not its targets). */
export async function checkSchedule(
  db: Db,
  input: ScheduleInput,
  policy: DeliveryPolicy,
  prefix = "input",
) {
  const name = input.name.trim();
  // The rule of every name (domain/plain-text.ts): it is printed in terminals and mail Subjects.
  const problem = nameProblem(name);
  if (problem) throw badInput(`the name ${problem}`, argumentAt(prefix, "name"));
  if (name.length > 120) throw badInput("a name of 1–120 characters", argumentAt(prefix, "name"));
  if (!isTimeZone(input.timezone)) {
    throw badInput(`unknown IANA time zone "${input.timezone}"`, argumentAt(prefix, "timezone"));
  }
  const cron = parseCron(input.cron, input.timezone, argumentAt(prefix, "cron"));
  // Croner accepts dates that never come (30 February): such a schedule would never run.
  if (!cron.nextRun(new Date())) {
    throw badInput(`the cron expression "${input.cron}" never fires`, argumentAt(prefix, "cron"));
  }
  const template = input.template ?? "weekly-summary";
  if (!(templateNames as readonly string[]).includes(template)) {
    throw badInput(`unknown template "${template}"`, argumentAt(prefix, "template"));
  }
  if (!(scheduleTemplates as readonly string[]).includes(template)) {
    throw badInput(
      `a schedule cannot run the template "${template}": an event brief is about one event, which a period does not name; use ${scheduleTemplates.join(", ")}`,
      argumentAt(prefix, "template"),
    );
  }
  const period = (input.period ?? "previous_iso_week") as PeriodRule;
  if (!periodRules.includes(period)) {
    throw badInput(
      `unknown period rule "${input.period}"; use ${periodRules.join(", ")}`,
      argumentAt(prefix, "period"),
    );
  }
  const locales = checkLocales(input.locales, argumentAt(prefix, "locales")) ?? ["en"];
  const catchUp = input.catchUp ?? 4;
  if (!Number.isInteger(catchUp) || catchUp < 1 || catchUp > 52) {
    throw badInput("catchUp is a whole number from 1 to 52", argumentAt(prefix, "catchUp"));
  }
  const owner = input.owner?.trim() || null;
  if (owner && !isEmailAddress(owner)) {
    throw badInput(`"${owner}" is not one email address`, argumentAt(prefix, "owner"));
  }
  // An owner is alerted by email: without a mail server the alerts would never leave.
  if (owner && !policy.smtpConfigured) {
    throw badInput(
      "no SMTP server is configured here (ATTACHE_SMTP_URL) to alert the owner by email; leave the owner out, or use an alert webhook",
      argumentAt(prefix, "owner"),
    );
  }
  const scope = scopeOf(input);
  await checkScope(db, scope, prefix);
  return {
    name,
    cron: input.cron.trim(),
    timezone: input.timezone,
    template,
    period,
    scope,
    locales,
    enabled: input.enabled ?? true,
    owner,
    catchUp,
    skipIfEmpty: input.skipIfEmpty ?? false,
  };
}

function checkLocales(given: string[] | null | undefined, name: string): Locale[] | null {
  if (!given?.length) return null;
  const locales = given.map((l) => l.trim().toLowerCase());
  const unsupported = locales.find((l) => !isLocale(l));
  if (unsupported !== undefined) throw badInput(`unsupported locale "${unsupported}"`, name);
  if (new Set(locales).size !== locales.length) {
    throw badInput("each locale once: a repeated locale would send the same brief twice", name);
  }
  return locales as Locale[];
}

const WEBHOOK_SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** A Standard Webhooks secret: "whsec_" and the base64 of 24 to 64 random bytes. */
function checkSecret(secret: string, name: string): string {
  const body = WEBHOOK_SECRET.exec(secret)?.[1];
  const bytes = body && body.length % 4 === 0 ? Buffer.from(body, "base64").length : 0;
  if (bytes < 24 || bytes > 64) {
    throw badInput('a webhook secret is "whsec_" and the base64 of 24 to 64 random bytes', name);
  }
  return secret;
}

/**
 * The most targets a schedule has (each email address and each webhook is one, alerts included):
 * a run delivers to every one of them, and lists show them all.
 */
export const MAX_TARGETS = 100;

/**
 * Refuses targets that would give a schedule more than MAX_TARGETS, next to `already`; names
 * the target where the count goes over (`input.targets[2].email`), which the CLI reads as --email.
 */
export function refuseTooManyTargets(targets: TargetInput[], prefix: string, already = 0): void {
  let count = already;
  for (const [i, target] of targets.entries()) {
    count += Math.max(1, target.email?.length ?? 0);
    if (count > MAX_TARGETS) {
      const total = already + targets.reduce((n, t) => n + Math.max(1, t.email?.length ?? 0), 0);
      throw badInput(
        `a schedule has at most ${MAX_TARGETS} targets, each email address and webhook one; this would make ${total}${
          already ? ` (${already} already)` : ""
        }`,
        `${prefix}[${i}].${target.email?.length ? "email" : "webhook"}`,
      );
    }
  }
}

/** Validates targets; webhook destinations are resolved and checked against the policy. */
export async function checkTargets(
  targets: TargetInput[],
  policy: DeliveryPolicy,
  prefix: string,
): Promise<CheckedTarget[]> {
  // Counted before anything is resolved: thousands of targets are refused at once.
  refuseTooManyTargets(targets, prefix);
  const checked: CheckedTarget[] = [];
  for (const [i, target] of targets.entries()) {
    const path = `${prefix}[${i}]`;
    const role: TargetRole = target.alert ? "alert" : "delivery";
    const locales = checkLocales(target.locales, `${path}.locales`);
    if (target.webhook && !target.email?.length) {
      const problem = await destinationProblem(target.webhook, policy.allow);
      if (problem) throw badInput(problem, `${path}.webhook`);
      const secret = target.secret ? checkSecret(target.secret, `${path}.secret`) : null;
      checked.push({
        kind: "webhook",
        role,
        url: new URL(target.webhook).toString(),
        secret,
        locales,
      });
    } else if (target.email?.length && !target.webhook) {
      if (!policy.smtpConfigured) {
        throw badInput("no SMTP server is configured here (ATTACHE_SMTP_URL)", `${path}.email`);
      }
      if (target.secret) throw badInput("only webhooks have secrets", `${path}.secret`);
      for (const [j, address] of target.email.entries()) {
        if (!isEmailAddress(address.trim())) {
          throw badInput(
            /^[\x20-\x7e]*$/.test(address)
              ? `"${address}" is not one email address`
              : `${JSON.stringify(address)} is not one email address: use plain ASCII letters (full-width and invisible characters look alike but are other addresses; a domain in another script in its xn-- form)`,
            `${path}.email[${j}]`,
          );
        }
        checked.push({ kind: "email", role, address: address.trim().toLowerCase(), locales });
      }
    } else {
      throw badInput("a target is either a webhook or email addresses", path);
    }
  }
  const keys = checked.map(targetKey);
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i);
  if (repeated) throw badInput(`${repeated} is named twice`, prefix);
  return checked;
}

/** A stable name for a target: deliveries are recorded per target, so a retry skips sent ones. */
export function targetKey(target: {
  kind: string;
  url?: string | null;
  address?: string | null;
}): string {
  return target.kind === "webhook" ? `webhook:${target.url}` : `email:${target.address}`;
}

/** Standard Webhooks secrets: "whsec_" and base64 of random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}
