// Briefs: generate one (GraphQL waits a moment, then returns it queued or rendering), follow it
// (briefUpdated over SSE), list them, and the templates they are made from.
import { eq } from "drizzle-orm";
import { GraphQLError } from "graphql";
import { actorOf } from "../auth/principal.ts";
import { briefFileName } from "../briefs/file-name.ts";
import { paperFormats, scopeOfSpec, storedSpec, templateNames } from "../briefs/model.ts";
import type { BriefRow } from "../briefs/service.ts";
import { briefs } from "../db/schema.ts";
import { Refusal } from "../domain/refusal.ts";
import type { BriefFileExtension } from "../http/brief-links.ts";
import type { templateCatalog } from "../render/html.ts";
import { builder } from "./builder.ts";
import type { GraphQLContext } from "./context.ts";
import { userInputError } from "./errors.ts";
import { idOfType } from "./ids.ts";
import { countRows } from "./lookups.ts";
import { LocaleEnum } from "./text.ts";

const BriefStatus = builder.enumType("BriefStatus", {
  values: {
    QUEUED: { value: "queued" },
    RENDERING: { value: "rendering" },
    DONE: { value: "done" },
    FAILED: { value: "failed" },
  } as const,
});

const TemplateEnum = builder.enumType("BriefTemplate", {
  values: Object.fromEntries(
    templateNames.map((name) => [name.replaceAll("-", "_").toUpperCase(), { value: name }]),
  ) as Record<string, { value: (typeof templateNames)[number] }>,
});

const PaperFormat = builder.enumType("PaperFormat", {
  values: Object.fromEntries(paperFormats.map((f) => [f.toUpperCase(), { value: f }])) as Record<
    string,
    { value: (typeof paperFormats)[number] }
  >,
});

/** Stored timings; briefs made before the one-print path have no `finish`. */
type Timings = { gather: number; html: number; pdf: number; finish?: number; store: number };
const BriefTimings = builder.objectRef<Timings>("BriefTimings").implement({
  description: "Milliseconds spent in each stage.",
  fields: (t) => ({
    gather: t.exposeFloat("gather"),
    html: t.exposeFloat("html"),
    pdf: t.exposeFloat("pdf"),
    finish: t.float({
      nullable: true,
      description:
        "The one pass after the print: contents page numbers, metadata, page count (null on briefs made before it)",
      resolve: (timings) => timings.finish ?? null,
    }),
    store: t.exposeFloat("store"),
  }),
});

const specOf = (row: BriefRow) => storedSpec(row.spec);
/** A signed link, so a browser can open it without sending the key; null until done. */
const link = (ctx: GraphQLContext, row: BriefRow, extension: BriefFileExtension) =>
  row.status === "done" && row.publicId && ctx.briefLinks
    ? ctx.briefLinks.signed(row.publicId, extension)
    : null;

export const Brief = builder.drizzleNode("briefs", {
  name: "Brief",
  id: { column: (b) => b.id },
  fields: (t) => ({
    template: t.exposeString("template"),
    locale: t.field({ type: LocaleEnum, resolve: (b) => b.locale as "en" | "zh" }),
    status: t.field({ type: BriefStatus, resolve: (b) => b.status as never }),
    error: t.exposeString("error", { nullable: true }),
    errorCode: t.exposeString("errorCode", {
      nullable: true,
      description:
        "Why it failed: STORAGE (the disk is full or read-only), RENDER, or INTERRUPTED (the service stopped)",
    }),
    title: t.exposeString("title", { nullable: true }),
    between: t.stringList({
      nullable: true,
      description: "The two countries; null for a summary of several relationships or a country",
      resolve: (b) => {
        const { relationships, countries } = scopeOfSpec(specOf(b));
        return relationships.length === 1 && countries.length === 0
          ? (relationships[0] as string).split("-")
          : null;
      },
    }),
    relationships: t.stringList({
      description: 'The relationships the brief was asked about, e.g. ["CN-KG"]',
      resolve: (b) => scopeOfSpec(specOf(b)).relationships,
    }),
    countries: t.stringList({
      description: "Countries whose every relationship the summary covers",
      resolve: (b) => scopeOfSpec(specOf(b)).countries,
    }),
    from: t.field({ type: "Date", resolve: (b) => specOf(b).period.from }),
    to: t.field({ type: "Date", resolve: (b) => specOf(b).period.to }),
    asOf: t.field({ type: "Date", resolve: (b) => specOf(b).asOf }),
    format: t.field({ type: PaperFormat, resolve: (b) => specOf(b).format }),
    event: t.string({
      nullable: true,
      resolve: (b) => {
        const spec = specOf(b);
        return spec.template === "event-brief" ? spec.event : null;
      },
    }),
    sha256: t.exposeString("sha256", { nullable: true }),
    bytes: t.exposeInt("bytes", { nullable: true }),
    pages: t.exposeInt("pages", { nullable: true }),
    fileName: t.string({ resolve: (b) => briefFileName(b) }),
    downloadUrl: t.string({
      nullable: true,
      description: "The PDF, once done",
      resolve: (b, _args, ctx) => link(ctx, b, "pdf"),
    }),
    previewUrl: t.string({
      nullable: true,
      description: "The HTML the PDF was printed from",
      resolve: (b, _args, ctx) => link(ctx, b, "html"),
    }),
    timings: t.field({
      type: BriefTimings,
      nullable: true,
      resolve: (b) => (b.timings as Timings | null) ?? null,
    }),
    createdAt: t.field({ type: "DateTime", resolve: (b) => b.createdAt }),
    finishedAt: t.field({ type: "DateTime", nullable: true, resolve: (b) => b.finishedAt }),
  }),
});

const BriefTemplateInfo = builder
  .objectRef<ReturnType<typeof templateCatalog>[number]>("TemplateInfo")
  .implement({
    fields: (t) => ({
      name: t.exposeString("name"),
      description: t.exposeString("description"),
      parameters: t.exposeStringList("parameters"),
    }),
  });

const PeriodInput = builder.inputType("PeriodInput", {
  fields: (t) => ({
    from: t.field({ type: "Date" }),
    to: t.field({ type: "Date" }),
  }),
});

const GenerateBriefInput = builder.inputType("GenerateBriefInput", {
  fields: (t) => ({
    template: t.field({
      type: TemplateEnum,
      description: "Default: briefing-note, or weekly-summary for relationships or countries",
    }),
    between: t.stringList({ description: 'One relationship, as two country codes: ["CN", "KG"]' }),
    relationships: t.stringList({
      description:
        'A weekly summary of several relationships instead: their keys, e.g. ["CN-KG", "CN-UZ"]',
    }),
    countries: t.stringList({
      description: 'A weekly summary of every relationship of these countries, e.g. ["KG"]',
    }),
    period: t.field({
      type: PeriodInput,
      description: "Default: the 12 months up to asOf (a weekly summary: the 7 days up to it)",
    }),
    asOf: t.field({ type: "Date", description: "Default: today" }),
    locale: t.field({ type: LocaleEnum, defaultValue: "en" }),
    format: t.field({ type: PaperFormat, defaultValue: "A4" }),
    event: t.string({ description: "For event-brief: the event's key" }),
    force: t.boolean({
      defaultValue: false,
      description: "Render even if an identical brief is stored",
    }),
    waitMs: t.int({
      defaultValue: 10_000,
      description: "Wait this long for the PDF before returning the brief still in progress",
    }),
  }),
});

function service(ctx: GraphQLContext) {
  if (!ctx.briefs) {
    throw new GraphQLError("briefs are not rendered here (no browser is configured)", {
      extensions: { code: "UNAVAILABLE" },
    });
  }
  return ctx.briefs;
}

builder.queryFields((t) => ({
  brief: t.drizzleField({
    type: "briefs",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) =>
      (await ctx.db.query.briefs.findFirst(
        query({ where: { id: idOfType(args.id, "Brief", "id") } }),
      )) ?? null,
  }),
  briefs: t.drizzleConnection({
    type: "briefs",
    description: "Newest first",
    args: { status: t.arg({ type: BriefStatus }) },
    totalCount: (_root, args, ctx) =>
      countRows(ctx.db, briefs, args.status ? eq(briefs.status, args.status) : undefined),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.briefs.findMany(
        query({
          where: args.status ? { status: args.status } : {},
          orderBy: { id: "desc" },
        }),
      ),
  }),
  templates: t.field({
    type: [BriefTemplateInfo],
    // Loaded when asked for: reads start without the renderer (Handlebars, the templates).
    resolve: async () => (await import("../render/html.ts")).templateCatalog(),
  }),
}));

builder.mutationField("generateBrief", (t) =>
  t.drizzleField({
    type: "briefs",
    description:
      "Make a brief (or return the stored one for the same spec over unchanged data and templates).",
    authScopes: { editor: true },
    args: { input: t.arg({ type: GenerateBriefInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      try {
        const row = await service(ctx).generate(
          {
            template: input.template,
            between: input.between,
            relationships: input.relationships,
            countries: input.countries,
            period: input.period,
            asOf: input.asOf,
            locale: input.locale,
            format: input.format,
            event: input.event,
          },
          {
            force: input.force ?? false,
            waitMs: Math.max(0, Math.min(input.waitMs ?? 10_000, 60_000)),
            requestedBy: actorOf(ctx.auth.principal),
          },
        );
        const found = await ctx.db.query.briefs.findFirst(query({ where: { id: row.id } }));
        return found ?? row;
      } catch (error) {
        if (error instanceof Refusal && error.code === "BAD_USER_INPUT") {
          throw userInputError(error.message, `input.${error.argumentName}`);
        }
        throw error;
      }
    },
  }),
);

builder.subscriptionField("briefUpdated", (t) =>
  t.field({
    type: Brief,
    description: "Each status change of one brief, until it is done or failed (over SSE).",
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => briefUpdates(ctx, idOfType(args.id, "Brief", "id")),
    resolve: (row) => row,
  }),
);

/** How often a subscription reads the brief again, for changes other processes make. */
const POLL_MS = 500;

/**
 * The brief as it is now, then each change, ending after a final state. Changes this process
 * makes arrive at once (the service's events); those of another process on the database (the
 * worker, a CLI) by reading the row again every POLL_MS.
 */
async function* briefUpdates(ctx: GraphQLContext, id: number): AsyncGenerator<BriefRow> {
  const read = async () => (await ctx.db.select().from(briefs).where(eq(briefs.id, id)))[0] ?? null;
  const queue: BriefRow[] = [];
  let wake: (() => void) | null = null;
  const listener = (row: BriefRow) => {
    if (row.id !== id) return;
    queue.push(row);
    wake?.();
  };
  ctx.briefs?.events.on("update", listener);
  try {
    const current = await read();
    if (!current) throw userInputError(`no brief ${id}`, "id");
    queue.push(current);
    let last: string | undefined;
    for (;;) {
      const row = queue.shift();
      if (!row) {
        let timer: NodeJS.Timeout | undefined;
        const polled = await new Promise<boolean>((resolve) => {
          wake = () => resolve(false);
          timer = setTimeout(() => resolve(true), POLL_MS);
        });
        clearTimeout(timer);
        wake = null;
        const now = polled ? await read() : null;
        if (now) queue.push(now);
        continue;
      }
      // A change may arrive both as an event and in a read: send each state once.
      if (row.status === last) continue;
      last = row.status;
      yield row;
      if (row.status === "done" || row.status === "failed") return;
    }
  } finally {
    ctx.briefs?.events.off("update", listener);
  }
}
