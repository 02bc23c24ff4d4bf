// What deliveries say: webhook payloads (Standard Webhooks' type/timestamp/data, the API's global
// ids, the period's bounds), email subjects and texts in the recipient's language, and the signed
// unsubscribe token. Pure but for what a summary is called, which the templates' locale files say.
import { mac, macMatches } from "../auth/mac.ts";
import type { BriefRow } from "../briefs/service.ts";
import { encodeId } from "../domain/global-id.ts";
import type { Locale } from "../domain/locale.ts";
import { isoWeekLabel, type Period, type PeriodRule } from "../domain/periods.ts";
import { summaryName } from "../render/locale-files.ts";

/** The cadence of a summary of a period rule's periods: its name and title say it. */
export const summaryCadence = {
  previous_day: "daily",
  previous_iso_week: "weekly",
  previous_month: "monthly",
} as const satisfies Record<PeriodRule, string>;

export type RunContext = {
  schedule: { id: number; name: string; period: PeriodRule };
  runId: number | null;
  period: Period;
  briefs: BriefRow[];
  link: (brief: BriefRow) => string;
};

/** The period as payloads carry it: local days, UTC bounds, and the ISO week only for weeks. */
function periodPayload(rule: PeriodRule, period: Period) {
  return {
    rule,
    from: period.from,
    to: period.to,
    start: period.start,
    end: period.end,
    ...(rule === "previous_iso_week" ? { isoWeek: isoWeekLabel(period.from) } : {}),
  };
}

export function briefsPayload(context: RunContext) {
  return {
    schedule: { id: encodeId("Schedule", context.schedule.id), name: context.schedule.name },
    ...(context.runId ? { run: { id: encodeId("ScheduleRun", context.runId) } } : {}),
    title: summaryName(summaryCadence[context.schedule.period], "en"),
    period: periodPayload(context.schedule.period, context.period),
    briefs: context.briefs.map((b) => ({
      id: encodeId("Brief", b.id),
      locale: b.locale,
      template: b.template,
      title: b.title,
      downloadUrl: context.link(b),
      sha256: b.sha256,
      pages: b.pages,
    })),
  };
}

export type WebhookEvent =
  | "schedule.briefs.ready"
  | "schedule.briefs.test"
  | "schedule.run.completed"
  | "schedule.run.failed"
  | "schedule.run.gave_up";

/** The Standard Webhooks envelope. */
export function envelope(type: WebhookEvent, now: Date, data: unknown) {
  return { type, timestamp: now.toISOString(), data };
}

export type MailText = { subject: string; intro: string };

/** Subject and opening line in the recipient's language. */
export function mailText(
  locale: Locale,
  context: Pick<RunContext, "schedule" | "period">,
  test = false,
): MailText {
  const { schedule, period } = context;
  const title = summaryName(summaryCadence[schedule.period], locale);
  if (locale === "zh") {
    return {
      subject: `${test ? "【测试】" : ""}${schedule.name}：${title}（${period.from}至${period.to}）`,
      intro: `${test ? "这是一封测试邮件，不计为正式发送。" : ""}“${schedule.name}”${title}，时段为${period.from}至${period.to}，简报见附件。`,
    };
  }
  return {
    subject: `${test ? "[Test] " : ""}${schedule.name}: ${title.toLowerCase()}, ${period.from} to ${period.to}`,
    intro: `${test ? "This is a test message; the period is not marked delivered. " : ""}${title} "${schedule.name}" for ${period.from} to ${period.to}. The briefs are attached.`,
  };
}

/** The alert an owner receives when a run fails or gives up. */
export function alertText(
  context: Pick<RunContext, "schedule" | "period">,
  outcome: { gaveUp: boolean; attempts: number; maxAttempts: number; errors: string[] },
  nextAttemptAt: string | null,
): MailText {
  const { schedule, period } = context;
  const what = outcome.gaveUp
    ? `gave up after ${outcome.attempts} attempts`
    : `failed (attempt ${outcome.attempts} of ${outcome.maxAttempts})`;
  const next = outcome.gaveUp
    ? `Nothing more will be tried. Once the cause is fixed, resend it: attache schedule resend "${schedule.name}" --period ${period.from}`
    : `The next attempt is at ${nextAttemptAt}.`;
  return {
    subject: `Attaché: "${schedule.name}" ${outcome.gaveUp ? "gave up on" : "failed for"} ${period.from} to ${period.to}`,
    intro: `The schedule "${schedule.name}" ${what} for the period ${period.from} to ${period.to}:\n${outcome.errors.map((e) => `- ${e}`).join("\n")}\n\n${next}`,
  };
}

/** A token naming one email target, signed so nobody can unsubscribe anyone else. */
export function unsubscribeToken(secret: string, targetId: number): string {
  return `${targetId}.${mac(secret, unsubscribing(targetId))}`;
}

/** The target a token names, or null when the token was not made with this secret. */
export function verifyUnsubscribeToken(secret: string, token: string): number | null {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  return macMatches(secret, unsubscribing(id), match[2] as string) ? id : null;
}

const unsubscribing = (targetId: number) => `unsubscribe:${targetId}`;
