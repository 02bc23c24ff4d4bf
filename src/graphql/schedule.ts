// Schedules (weekly summaries and other periodic briefs), their runs and next fire times.
import { and, eq } from "drizzle-orm";
import { GraphQLError } from "graphql";
import { scheduleRuns } from "../db/schema.ts";
import { localDateTime, periodRules } from "../domain/periods.ts";
import type { ScheduleInput } from "../schedule/definition.ts";
import { nextFireTimes, ScheduleSpecError } from "../schedule/due.ts";
import {
  createSchedule,
  deleteSchedule,
  publicTargets,
  updateSchedule,
} from "../schedule/store.ts";
import { Brief } from "./brief.ts";
import { builder } from "./builder.ts";
import type { GraphQLContext } from "./context.ts";
import { userInputError } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { countRows } from "./lookups.ts";

const RunStatus = builder.enumType("ScheduleRunStatus", {
  values: {
    PENDING: { value: "pending" },
    RUNNING: { value: "running" },
    DONE: { value: "done" },
    FAILED: { value: "failed" },
  } as const,
});

const PeriodRule = builder.enumType("PeriodRule", {
  values: Object.fromEntries(periodRules.map((r) => [r.toUpperCase(), { value: r }])) as Record<
    string,
    { value: (typeof periodRules)[number] }
  >,
});

type PublicTarget = ReturnType<typeof publicTargets>[number];
const DeliveryTarget = builder.objectRef<PublicTarget>("DeliveryTarget").implement({
  description: "Where a schedule delivers. Webhook signing secrets are shown only when created.",
  fields: (t) => ({
    type: t.string({ resolve: (d) => d.type }),
    url: t.string({ nullable: true, resolve: (d) => ("url" in d ? (d.url ?? null) : null) }),
    to: t.stringList({ nullable: true, resolve: (d) => ("to" in d ? (d.to ?? null) : null) }),
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
    targets: t.field({ type: [DeliveryTarget], resolve: (s) => publicTargets(s) }),
    enabled: t.exposeBoolean("enabled"),
    owner: t.exposeString("owner", { nullable: true }),
    catchUp: t.exposeInt("catchUp"),
    version: t.exposeInt("version"),
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

function clampCount(count: number | null | undefined): number {
  const n = count ?? 5;
  if (n < 1 || n > 100) throw userInputError("count must be from 1 to 100", "count");
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
    attempts: t.exposeInt("attempts"),
    error: t.exposeString("error", { nullable: true }),
    nextAttemptAt: t.field({ type: "DateTime", nullable: true, resolve: (r) => r.nextAttemptAt }),
    finishedAt: t.field({ type: "DateTime", nullable: true, resolve: (r) => r.finishedAt }),
    briefs: t.field({
      type: [Brief],
      resolve: (r, _args, ctx) =>
        ((r.briefIds as number[] | null) ?? []).flatMap((id) => {
          const row = ctx.briefs?.get(id);
          return row ? [row] : [];
        }),
    }),
    deliveries: t.relation("deliveries", { query: { orderBy: { id: "asc" } } }),
  }),
});

builder.drizzleObject("deliveries", {
  name: "Delivery",
  fields: (t) => ({
    target: t.exposeString("target"),
    status: t.exposeString("status", { description: "pending | sent | failed" }),
    attempts: t.exposeInt("attempts"),
    error: t.exposeString("error", { nullable: true }),
    sentAt: t.field({ type: "DateTime", nullable: true, resolve: (d) => d.sentAt }),
  }),
});

const TargetInput = builder.inputType("DeliveryTargetInput", {
  description: "Either a webhook (url, optional secret) or an email (to).",
  fields: (t) => ({
    webhook: t.string({ description: "http(s) URL that receives a signed POST" }),
    secret: t.string({ description: "Standard Webhooks secret (whsec_…); generated if absent" }),
    email: t.stringList({ description: "Addresses that receive the PDFs" }),
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
    targets: t.field({ type: [TargetInput] }),
    enabled: t.boolean({ defaultValue: true }),
    owner: t.string(),
    catchUp: t.int({ defaultValue: 4, description: "Missed periods run after downtime, at most" }),
  }),
});

function toScheduleInput(input: typeof ScheduleInputType.$inferInput): ScheduleInput {
  return {
    ...input,
    scope: { relationships: input.relationships ?? [], countries: input.countries ?? [] },
    targets: (input.targets ?? []).map((target, i) => {
      if (target.webhook && !target.email)
        return { type: "webhook", url: target.webhook, secret: target.secret };
      if (target.email && !target.webhook) return { type: "email", to: target.email };
      throw userInputError("a target is either a webhook or an email", `input.targets[${i}]`);
    }),
  };
}

function scheduleId(id: string | number): number {
  const decoded = decodeId(String(id));
  if (decoded.typename !== "Schedule") throw userInputError(`"${id}" is not a Schedule ID`, "id");
  return Number(decoded.id);
}

function asUserError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ScheduleSpecError) {
      throw new GraphQLError(error.message, {
        extensions: {
          code: error.argumentName === "version" ? "CONFLICT" : "BAD_USER_INPUT",
          argumentName: `input.${error.argumentName}`,
        },
      });
    }
    throw error;
  }
}

const CreatedSchedule = builder
  .objectRef<{ id: number; secrets: string[] }>("CreatedSchedule")
  .implement({
    fields: (t) => ({
      schedule: t.drizzleField({
        type: "schedules",
        resolve: async (query, parent, _args, ctx) =>
          (await ctx.db.query.schedules.findFirst(query({ where: { id: parent.id } }))) as never,
      }),
      webhookSecrets: t.stringList({
        description: "The signing secret of each webhook target, in order: shown this once",
        resolve: (p) => p.secrets,
      }),
    }),
  });

function scheduler(ctx: GraphQLContext) {
  if (!ctx.scheduler) {
    throw new GraphQLError("schedules are not run here", { extensions: { code: "UNAVAILABLE" } });
  }
  return ctx.scheduler;
}

builder.queryFields((t) => ({
  schedules: t.drizzleField({
    authScopes: { admin: true },
    type: ["schedules"],
    resolve: (query, _root, _args, ctx) =>
      ctx.db.query.schedules.findMany(query({ orderBy: { name: "asc" } })),
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
          args.schedule ? eq(scheduleRuns.scheduleId, scheduleId(args.schedule)) : undefined,
          args.status ? eq(scheduleRuns.status, args.status) : undefined,
        ),
      ),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.scheduleRuns.findMany(
        query({
          where: {
            ...(args.schedule ? { scheduleId: scheduleId(args.schedule) } : {}),
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
        .findFirst({ where: { id: scheduleId(args.schedule) } })
        .sync();
      if (!row) throw userInputError("no such schedule", "schedule");
      return nextFireTimes(row.cron, row.timezone, new Date(), clampCount(args.count)).map((d) =>
        localDateTime(d, row.timezone),
      );
    },
  }),
}));

builder.mutationFields((t) => ({
  createSchedule: t.field({
    authScopes: { admin: true },
    type: CreatedSchedule,
    args: { input: t.arg({ type: ScheduleInputType, required: true }) },
    resolve: (_root, { input }, ctx) =>
      asUserError(() => {
        const row = createSchedule(ctx.db, toScheduleInput(input));
        const secrets = (row.targets as { type: string; secret?: string }[])
          .filter((target) => target.type === "webhook")
          .map((target) => target.secret as string);
        return { id: row.id, secrets };
      }),
  }),
  updateSchedule: t.drizzleField({
    authScopes: { admin: true },
    type: "schedules",
    description: "Replaces the definition; pass the version you read (a stale one is refused).",
    args: {
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      input: t.arg({ type: ScheduleInputType, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const row = asUserError(() =>
        updateSchedule(ctx.db, scheduleId(args.id), args.version, toScheduleInput(args.input)),
      );
      return (await ctx.db.query.schedules.findFirst(query({ where: { id: row.id } }))) ?? row;
    },
  }),
  deleteSchedule: t.boolean({
    authScopes: { admin: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      if (!deleteSchedule(ctx.db, scheduleId(args.id)))
        throw userInputError("no such schedule", "id");
      return true;
    },
  }),
  runScheduleNow: t.drizzleField({
    authScopes: { admin: true },
    type: "scheduleRuns",
    description:
      "Runs the latest complete period now (a period already done is returned as it is).",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const run = await scheduler(ctx).runNow(scheduleId(args.id));
      return (await ctx.db.query.scheduleRuns.findFirst(query({ where: { id: run.id } }))) ?? run;
    },
  }),
}));
