// Schedules (weekly summaries and other periodic briefs): their targets, runs and next fire times;
// pause, resume, resend, test-send and preview. Webhook secrets are shown only when made.
import { and, eq, inArray } from "drizzle-orm";
import { GraphQLError } from "graphql";
import { actorOf } from "../auth/principal.ts";
import { briefs, scheduleRuns } from "../db/schema.ts";
import { localDateTime, periodRules } from "../domain/periods.ts";
import { allowNothing } from "../net/allow-list.ts";
import type { DeliveryPolicy } from "../schedule/definition.ts";
import { nextFireTimes } from "../schedule/due.ts";
import {
  activeTargets,
  addTargets,
  createSchedule,
  deleteSchedule,
  type NewSecret,
  pauseSchedule,
  removeTarget,
  resumeSchedule,
  rotateWebhookSecret,
  type TargetRow,
  updateSchedule,
} from "../schedule/store.ts";
import { Brief } from "./brief.ts";
import { builder } from "./builder.ts";
import type { GraphQLContext } from "./context.ts";
import { userInputError } from "./errors.ts";
import { idOfType } from "./ids.ts";
import { countRows } from "./lookups.ts";

const RunStatus = builder.enumType("ScheduleRunStatus", {
  values: {
    PENDING: { value: "pending" },
    RUNNING: { value: "running" },
    DONE: { value: "done", description: "Every target received the period" },
    FAILED: { value: "failed", description: "An attempt failed; another is planned" },
    GAVE_UP: { value: "gave_up", description: "Every attempt failed: resend it with resendPeriod" },
    SKIPPED: { value: "skipped", description: "Paused, or nothing happened (skipIfEmpty)" },
  } as const,
});

const PeriodRule = builder.enumType("PeriodRule", {
  values: Object.fromEntries(periodRules.map((r) => [r.toUpperCase(), { value: r }])) as Record<
    string,
    { value: (typeof periodRules)[number] }
  >,
});

const ScheduleTarget = builder.drizzleNode("scheduleTargets", {
  name: "ScheduleTarget",
  description: "Where a schedule delivers, or reports failures (alert). Secrets are never shown.",
  authScopes: { admin: true },
  id: { column: (t) => t.id },
  fields: (t) => ({
    kind: t.string({ description: "webhook | email", resolve: (d) => d.kind }),
    alert: t.boolean({
      description: "Receives failure alerts instead of briefs",
      resolve: (d) => d.role === "alert",
    }),
    url: t.exposeString("url", { nullable: true }),
    address: t.exposeString("address", { nullable: true }),
    locales: t.stringList({
      nullable: true,
      description: "The languages this target receives (null: the schedule's)",
      resolve: (d) => d.locales as string[] | null,
    }),
    previousSecretValidUntil: t.field({
      type: "DateTime",
      nullable: true,
      description: "After a rotation: until then, the previous secret signs too",
      resolve: (d) => d.previousSecretUntil,
    }),
  }),
});

export const Schedule = builder.drizzleNode("schedules", {
  name: "Schedule",
  // Targets name people's inboxes and endpoints: schedules are the admins' business.
  authScopes: { admin: true },
  id: { column: (s) => s.id },
  fields: (t) => ({
    name: t.exposeString("name"),
    cron: t.exposeString("cron"),
    timezone: t.exposeString("timezone", {
      description: "IANA time zone the cron and periods use",
    }),
    template: t.exposeString("template"),
    period: t.field({ type: PeriodRule, resolve: (s) => s.period as never }),
    relationships: t.stringList({
      resolve: (s) => (s.scope as { relationships?: string[] }).relationships ?? [],
    }),
    countries: t.stringList({
      resolve: (s) => (s.scope as { countries?: string[] }).countries ?? [],
    }),
    locales: t.stringList({ resolve: (s) => s.locales as string[] }),
    targets: t.field({
      type: [ScheduleTarget],
      resolve: (s, _args, ctx) => activeTargets(ctx.db, s.id),
    }),
    enabled: t.exposeBoolean("enabled", { description: "False while paused" }),
    pausedAt: t.field({ type: "DateTime", nullable: true, resolve: (s) => s.pausedAt }),
    owner: t.exposeString("owner", {
      nullable: true,
      description: "Email address told of failed and given-up runs",
    }),
    catchUp: t.exposeInt("catchUp"),
    skipIfEmpty: t.exposeBoolean("skipIfEmpty", {
      description: "Send nothing for a period in which nothing was recorded",
    }),
    version: t.exposeInt("version"),
    lastRun: t.drizzleField({
      type: "scheduleRuns",
      nullable: true,
      description: "The run of the latest period",
      resolve: (query, s, _args, ctx) =>
        ctx.db.query.scheduleRuns.findFirst(
          query({ where: { scheduleId: s.id }, orderBy: { periodStart: "desc", id: "desc" } }),
        ) as never,
    }),
    runs: t.drizzleField({
      type: ["scheduleRuns"],
      description: "Runs, newest period first",
      args: { first: t.arg.int({ defaultValue: 20 }) },
      resolve: (query, s, args, ctx) =>
        ctx.db.query.scheduleRuns.findMany(
          query({
            where: { scheduleId: s.id },
            orderBy: { periodStart: "desc", id: "desc" },
            limit: clampCount(args.first, "first"),
          }),
        ),
    }),
    nextRuns: t.field({
      type: ["DateTime"],
      args: { count: t.arg.int({ defaultValue: 5 }) },
      description:
        "The next fire times, as instants (shown in the schedule's zone by nextRunsLocal)",
      resolve: (s, args) =>
        nextFireTimes(s.cron, s.timezone, new Date(), clampCount(args.count)).map((d) =>
          d.toISOString(),
        ),
    }),
    nextRunsLocal: t.stringList({
      args: { count: t.arg.int({ defaultValue: 5 }) },
      description: "The next fire times in the schedule's zone, e.g. 2025-11-24T07:00:00+06:00",
      resolve: (s, args) =>
        nextFireTimes(s.cron, s.timezone, new Date(), clampCount(args.count)).map((d) =>
          localDateTime(d, s.timezone),
        ),
    }),
  }),
});

function clampCount(count: number | null | undefined, argumentName = "count"): number {
  const n = count ?? 5;
  if (n < 1 || n > 100) throw userInputError(`${argumentName} must be from 1 to 100`, argumentName);
  return n;
}

builder.drizzleNode("scheduleRuns", {
  name: "ScheduleRun",
  authScopes: { admin: true },
  id: { column: (r) => r.id },
  fields: (t) => ({
    schedule: t.relation("schedule"),
    periodStart: t.field({ type: "DateTime", resolve: (r) => r.periodStart }),
    periodEnd: t.field({ type: "DateTime", resolve: (r) => r.periodEnd }),
    status: t.field({ type: RunStatus, resolve: (r) => r.status as never }),
    reason: t.exposeString("reason", { nullable: true, description: "Why it was skipped" }),
    attempts: t.exposeInt("attempts"),
    error: t.exposeString("error", { nullable: true }),
    nextAttemptAt: t.field({ type: "DateTime", nullable: true, resolve: (r) => r.nextAttemptAt }),
    finishedAt: t.field({ type: "DateTime", nullable: true, resolve: (r) => r.finishedAt }),
    briefs: t.field({
      type: [Brief],
      resolve: (r, _args, ctx) => briefsById(ctx, (r.briefIds as number[] | null) ?? []),
    }),
    deliveries: t.relation("deliveries", { query: { orderBy: { id: "asc" } } }),
  }),
});

builder.drizzleObject("deliveries", {
  name: "Delivery",
  fields: (t) => ({
    target: t.exposeString("target"),
    targetRecord: t.relation("targetRecord", { nullable: true }),
    status: t.exposeString("status", { description: "pending | sent | failed" }),
    attempts: t.exposeInt("attempts"),
    resends: t.exposeInt("resends"),
    error: t.exposeString("error", { nullable: true }),
    sentAt: t.field({ type: "DateTime", nullable: true, resolve: (d) => d.sentAt }),
  }),
});

const TargetInput = builder.inputType("DeliveryTargetInput", {
  description: "Either a webhook (url, optional secret) or email addresses (one target each).",
  fields: (t) => ({
    webhook: t.string({ description: "http(s) URL that receives a signed POST" }),
    secret: t.string({ description: "Standard Webhooks secret (whsec_…); generated if absent" }),
    email: t.stringList({ description: "Addresses; each receives its own message" }),
    locales: t.stringList({ description: "The languages this target receives" }),
    alert: t.boolean({ description: "Receives failure alerts instead of briefs" }),
  }),
});

const ScheduleInputType = builder.inputType("ScheduleInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    cron: t.string({ required: true, description: 'e.g. "0 7 * * 1": Mondays 07:00' }),
    timezone: t.string({ required: true, description: "IANA zone, e.g. Asia/Bishkek" }),
    template: t.string({ defaultValue: "weekly-summary" }),
    period: t.field({ type: PeriodRule, defaultValue: "previous_iso_week" }),
    relationships: t.stringList({ description: 'e.g. ["CN-KG"]' }),
    countries: t.stringList(),
    locales: t.stringList({ defaultValue: ["en"] }),
    targets: t.field({
      type: [TargetInput],
      description:
        "On update, absent leaves the targets as they are; named again, they keep secrets",
    }),
    enabled: t.boolean({ defaultValue: true }),
    owner: t.string({ description: "Email address told of failed and given-up runs" }),
    catchUp: t.int({ defaultValue: 4, description: "Missed periods run after downtime, at most" }),
    skipIfEmpty: t.boolean({ defaultValue: false }),
  }),
});

const NewSecretRef = builder.objectRef<NewSecret>("WebhookSecret").implement({
  description: "A webhook signing secret, shown this once",
  fields: (t) => ({
    target: t.field({
      type: ScheduleTarget,
      resolve: (s, _args, ctx) =>
        ctx.db.query.scheduleTargets.findFirst({ where: { id: s.targetId } }) as never,
    }),
    url: t.exposeString("url"),
    secret: t.exposeString("secret"),
  }),
});

const ScheduleChange = builder
  .objectRef<{ id: number; secrets: NewSecret[] }>("ScheduleChange")
  .implement({
    fields: (t) => ({
      schedule: t.drizzleField({
        type: "schedules",
        resolve: async (query, parent, _args, ctx) =>
          (await ctx.db.query.schedules.findFirst(query({ where: { id: parent.id } }))) as never,
      }),
      webhookSecrets: t.stringList({
        description: "The secret of each new webhook target, in order: shown this once",
        resolve: (p) => p.secrets.map((s) => s.secret),
      }),
      newSecrets: t.field({ type: [NewSecretRef], resolve: (p) => p.secrets }),
    }),
  });

const TestSendResult = builder
  .objectRef<{
    from: string;
    to: string;
    briefIds: number[];
    delivered: boolean;
    error: string | null;
    secret: string | null;
  }>("TestSendResult")
  .implement({
    fields: (t) => ({
      periodFrom: t.exposeString("from"),
      periodTo: t.exposeString("to"),
      delivered: t.exposeBoolean("delivered"),
      error: t.exposeString("error", { nullable: true }),
      webhookSecret: t.exposeString("secret", {
        nullable: true,
        description: "The secret that signed a test to a URL that is not a target",
      }),
      briefs: t.field({
        type: [Brief],
        resolve: (p, _args, ctx) => briefsById(ctx, p.briefIds),
      }),
    }),
  });

const SchedulePreview = builder
  .objectRef<{ from: string; to: string; briefIds: number[] }>("SchedulePreview")
  .implement({
    fields: (t) => ({
      periodFrom: t.exposeString("from"),
      periodTo: t.exposeString("to"),
      briefs: t.field({
        type: [Brief],
        resolve: (p, _args, ctx) => briefsById(ctx, p.briefIds),
      }),
    }),
  });

/** The briefs a run or preview made, in its order (a brief deleted since is left out). */
async function briefsById(ctx: GraphQLContext, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(briefs)
    .where(inArray(briefs.id, [...ids]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function scheduler(ctx: GraphQLContext) {
  if (!ctx.scheduler) {
    throw new GraphQLError("schedules are not run here", { extensions: { code: "UNAVAILABLE" } });
  }
  return ctx.scheduler;
}

function policy(ctx: GraphQLContext): DeliveryPolicy {
  return (
    ctx.scheduler?.policy ?? ctx.deliveryPolicy ?? { allow: allowNothing, smtpConfigured: false }
  );
}

const write = (ctx: GraphQLContext) => ({ actor: actorOf(ctx.auth.principal) });

builder.queryFields((t) => ({
  schedules: t.drizzleField({
    authScopes: { admin: true },
    type: ["schedules"],
    description: "Live schedules (deleted ones keep their runs, reachable by scheduleRuns)",
    resolve: (query, _root, _args, ctx) =>
      ctx.db.query.schedules.findMany(
        query({ where: { deletedAt: { isNull: true } }, orderBy: { name: "asc" } }),
      ),
  }),
  scheduleRuns: t.drizzleConnection({
    authScopes: { admin: true },
    type: "scheduleRuns",
    description: "Newest period first",
    args: { schedule: t.arg.id(), status: t.arg({ type: RunStatus }) },
    totalCount: (_root, args, ctx) =>
      countRows(
        ctx.db,
        scheduleRuns,
        and(
          args.schedule
            ? eq(scheduleRuns.scheduleId, idOfType(args.schedule, "Schedule", "schedule"))
            : undefined,
          args.status ? eq(scheduleRuns.status, args.status) : undefined,
        ),
      ),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.scheduleRuns.findMany(
        query({
          where: {
            ...(args.schedule
              ? { scheduleId: idOfType(args.schedule, "Schedule", "schedule") }
              : {}),
            ...(args.status ? { status: args.status } : {}),
          },
          orderBy: { periodStart: "desc", id: "desc" },
        }),
      ),
  }),
  nextRuns: t.stringList({
    authScopes: { admin: true },
    description: "The next fire times of a schedule, in its zone",
    args: { schedule: t.arg.id({ required: true }), count: t.arg.int({ defaultValue: 5 }) },
    resolve: (_root, args, ctx) => {
      const row = ctx.db.query.schedules
        .findFirst({ where: { id: idOfType(args.schedule, "Schedule", "schedule") } })
        .sync();
      if (!row) throw userInputError("no such schedule", "schedule");
      return nextFireTimes(row.cron, row.timezone, new Date(), clampCount(args.count)).map((d) =>
        localDateTime(d, row.timezone),
      );
    },
  }),
}));

const scheduleOut = async (
  query: (q: { where: { id: number } }) => object,
  ctx: GraphQLContext,
  id: number,
) => (await ctx.db.query.schedules.findFirst(query({ where: { id } }) as never)) as never;

const runOut = async (
  query: (q: { where: { id: number } }) => object,
  ctx: GraphQLContext,
  id: number,
) => (await ctx.db.query.scheduleRuns.findFirst(query({ where: { id } }) as never)) as never;

builder.mutationFields((t) => ({
  createSchedule: t.field({
    authScopes: { admin: true },
    retryWhileBusy: true,
    type: ScheduleChange,
    args: { input: t.arg({ type: ScheduleInputType, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const made = await createSchedule(ctx.db, input, policy(ctx), write(ctx));
      return { id: made.schedule.id, secrets: made.secrets };
    },
  }),
  updateSchedule: t.field({
    authScopes: { admin: true },
    retryWhileBusy: true,
    type: ScheduleChange,
    description:
      "Replaces the definition; pass the version you read (a stale one is refused). Targets keep their secrets.",
    args: {
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      input: t.arg({ type: ScheduleInputType, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const made = await updateSchedule(
        ctx.db,
        idOfType(args.id, "Schedule", "id"),
        args.version,
        args.input,
        policy(ctx),
        write(ctx),
      );
      return { id: made.schedule.id, secrets: made.secrets };
    },
  }),
  deleteSchedule: t.boolean({
    authScopes: { admin: true },
    retryWhileBusy: true,
    description: "Stops the schedule and frees its name; its runs and deliveries are kept",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      deleteSchedule(ctx.db, idOfType(args.id, "Schedule", "id"), write(ctx)),
  }),
  pauseSchedule: t.drizzleField({
    authScopes: { admin: true },
    retryWhileBusy: true,
    type: "schedules",
    description: "No run starts while paused; periods ending meanwhile are recorded as skipped",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const row = await pauseSchedule(ctx.db, idOfType(args.id, "Schedule", "id"), write(ctx));
      return scheduleOut(query, ctx, row.id);
    },
  }),
  resumeSchedule: t.drizzleField({
    authScopes: { admin: true },
    retryWhileBusy: true,
    type: "schedules",
    description: "Periods that ended while paused stay skipped, unless catchUp: true",
    args: {
      id: t.arg.id({ required: true }),
      catchUp: t.arg.boolean({ defaultValue: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const row = await resumeSchedule(ctx.db, idOfType(args.id, "Schedule", "id"), {
        ...write(ctx),
        catchUp: args.catchUp ?? false,
      });
      return scheduleOut(query, ctx, row.id);
    },
  }),
  addScheduleTargets: t.field({
    authScopes: { admin: true },
    retryWhileBusy: true,
    type: ScheduleChange,
    description: "Adds targets without touching the others; new webhook secrets are shown once",
    args: {
      schedule: t.arg.id({ required: true }),
      targets: t.arg({ type: [TargetInput], required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const id = idOfType(args.schedule, "Schedule", "schedule");
      const added = await addTargets(ctx.db, id, args.targets, policy(ctx), write(ctx));
      return { id, secrets: added.secrets };
    },
  }),
  removeScheduleTarget: t.drizzleField({
    authScopes: { admin: true },
    retryWhileBusy: true,
    type: "schedules",
    args: { target: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const target = await removeTarget(
        ctx.db,
        idOfType(args.target, "ScheduleTarget", "target"),
        write(ctx),
      );
      return scheduleOut(query, ctx, target.scheduleId);
    },
  }),
  rotateWebhookSecret: t.field({
    authScopes: { admin: true },
    retryWhileBusy: true,
    type: NewSecretRef,
    description:
      "A new signing secret, shown once; during graceHours the previous one signs too (both signatures are sent)",
    args: {
      target: t.arg.id({ required: true }),
      graceHours: t.arg.int({ defaultValue: 0 }),
    },
    resolve: async (_root, args, ctx) => {
      const { target, secret } = await rotateWebhookSecret(
        ctx.db,
        idOfType(args.target, "ScheduleTarget", "target"),
        (args.graceHours ?? 0) * 3_600_000,
        write(ctx),
      );
      return { targetId: target.id, url: (target as TargetRow).url as string, secret };
    },
  }),
  runScheduleNow: t.drizzleField({
    authScopes: { admin: true },
    type: "scheduleRuns",
    description:
      "Runs the latest complete period now. A finished period is refused (CONFLICT): use resendPeriod.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const run = await scheduler(ctx).runNow(
        idOfType(args.id, "Schedule", "id"),
        write(ctx).actor,
      );
      return runOut(query, ctx, run.id);
    },
  }),
  resendPeriod: t.drizzleField({
    authScopes: { admin: true },
    type: "scheduleRuns",
    description:
      "Sends a period again (any date inside it): to one target, or to every target that did not receive it (all of them if all did)",
    args: {
      schedule: t.arg.id({ required: true }),
      period: t.arg.string({ required: true, description: "A date in the period, YYYY-MM-DD" }),
      target: t.arg.id(),
    },
    resolve: async (query, _root, args, ctx) => {
      const run = await scheduler(ctx).resend(
        idOfType(args.schedule, "Schedule", "schedule"),
        args.period,
        write(ctx).actor,
        args.target ? idOfType(args.target, "ScheduleTarget", "target") : undefined,
      );
      return runOut(query, ctx, run.id);
    },
  }),
  testSendSchedule: t.field({
    authScopes: { admin: true },
    type: TestSendResult,
    description:
      "Sends the latest complete period to one address or URL; the period is not marked delivered",
    args: {
      id: t.arg.id({ required: true }),
      email: t.arg.string(),
      webhook: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const result = await scheduler(ctx).testSend(
        idOfType(args.id, "Schedule", "id"),
        { email: args.email, webhook: args.webhook },
        write(ctx).actor,
      );
      return {
        ...result.period,
        briefIds: result.briefs.map((b) => b.id),
        delivered: result.delivered,
        error: result.error,
        secret: result.secret,
      };
    },
  }),
  previewSchedule: t.field({
    authScopes: { admin: true },
    type: SchedulePreview,
    description: "Renders a period's briefs without sending them (the latest period by default)",
    args: {
      id: t.arg.id({ required: true }),
      period: t.arg.string({ description: "A date in the period, YYYY-MM-DD" }),
    },
    resolve: async (_root, args, ctx) => {
      const { period, briefs } = await scheduler(ctx).preview(
        idOfType(args.id, "Schedule", "id"),
        write(ctx).actor,
        args.period,
      );
      return { ...period, briefIds: briefs.map((b) => b.id) };
    },
  }),
}));
