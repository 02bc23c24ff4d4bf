// Relationships (unordered country pairs) and their partnership steps: a level established on a
// date (`since`) or attested by a source of a date (`attestedOn`).
import { eq, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { relationships } from "../../db/schema.ts";
import { comparePartialDates } from "../../domain/partial-date.ts";
import { Refusal } from "../../domain/refusal.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import { builder } from "../builder.ts";
import { CitationInput, citationsField } from "../citations.ts";
import { countRows, countryIds, oncePerArgs, relationshipIdBetween } from "../lookups.ts";
import { actor, datasetEdit, editable, type Naming, reload } from "../mutations.ts";
import { bilingual, LocalizedTextInput } from "../text.ts";
import { Country } from "./country.ts";

const PartnershipStep = builder.drizzleObject("partnerships", {
  name: "PartnershipStep",
  description:
    "A level the relationship is at: established on a date (since), or attested by a source of a date (attestedOn) when the establishment date is unknown.",
  select: { columns: { since: true, attestedOn: true } },
  fields: (t) => ({
    level: t.relation("level"),
    since: t.expose("since", {
      type: "PartialDate",
      nullable: true,
      description: "When the level was established",
    }),
    attestedOn: t.expose("attestedOn", {
      type: "PartialDate",
      nullable: true,
      description: "The date of a source that says the relationship is at this level",
    }),
    ...bilingual(t, "note", { required: false }),
    citations: citationsField(t),
  }),
});

type Step = { id: number; since: string | null; attestedOn: string | null };
const stepDate = (s: Step) => (s.since ?? s.attestedOn) as string;

/** Oldest first: by the date established or attested, then as recorded. */
function inOrder<S extends Step>(steps: readonly S[]): S[] {
  return [...steps].sort((a, b) => comparePartialDates(stepDate(a), stepDate(b)) || a.id - b.id);
}

// One selection for both fields, so asking for both costs one join.
const history = (nested: (q?: object) => object) => ({
  with: {
    partnerships: nested({ columns: { id: true, since: true, attestedOn: true } }),
  },
});

builder.drizzleNode("relationships", {
  name: "Relationship",
  select: { columns: { key: true } },
  id: { column: (r) => r.id },
  fields: (t) => ({
    key: t.exposeString("key", { description: 'The pair\'s codes in order, e.g. "CN-KG"' }),
    countries: t.field({
      type: [Country],
      // nestedSelection plans the Country fields asked for into this same query.
      select: (_args, _ctx, nestedSelection) => ({
        with: { countryA: nestedSelection(), countryB: nestedSelection() },
      }),
      resolve: (r) => [r.countryA, r.countryB],
    }),
    ...bilingual(t, "summary", { required: false }),
    partnership: t.field({
      type: PartnershipStep,
      nullable: true,
      description: "The latest partnership step, by the date it was established or attested",
      select: (_args, _ctx, nested) => history(nested),
      resolve: (r) => inOrder(r.partnerships).at(-1) ?? null,
    }),
    partnershipHistory: t.field({
      type: [PartnershipStep],
      description: "Every partnership step, oldest first",
      select: (_args, _ctx, nested) => history(nested),
      resolve: (r) => inOrder(r.partnerships),
    }),
    events: t.relatedConnection("events", {
      description: "Newest first. To filter, use the root events(filter: {relationship}) field.",
      query: { orderBy: { dateFrom: "desc", id: "desc" } },
    }),
    // Counted in SQL beside the row: the plugin's related totalCount does not build with this
    // drizzle release (relationToSQL now returns chunks), so the count is an extra.
    eventCount: t.int({
      select: {
        extras: {
          eventCount: (table, { sql }) =>
            sql<number>`(SELECT count(*) FROM events WHERE events.relationship_id = ${table.id})`,
        },
      },
      resolve: (r) => r.eventCount,
    }),
    mechanisms: t.relation("mechanisms", {
      description: "Bilateral mechanisms of the pair",
      query: { orderBy: { key: "asc" } },
    }),
    targets: t.relation("targets", {
      description: "Targets the two countries set, newest first",
      query: { orderBy: { id: "desc" } },
    }),
  }),
});

const countryFilterId = oncePerArgs(
  async (db: Db, args: { country?: string | null }): Promise<number | null> =>
    args.country ? ((await countryIds(db, [args.country], "country"))[0] ?? null) : null,
);

builder.queryFields((t) => ({
  relationship: t.drizzleField({
    type: "relationships",
    nullable: true,
    description: "The relationship of two countries, in either order; null when none is recorded.",
    args: { between: t.arg.stringList({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await relationshipIdBetween(ctx.db, args.between, "between");
      if (id === null) return null;
      return (await ctx.db.query.relationships.findFirst(query({ where: { id } }))) ?? null;
    },
  }),
  relationships: t.drizzleConnection({
    type: "relationships",
    args: { country: t.arg.string({ description: "Only relationships of this country" }) },
    totalCount: async (_root, args, ctx) => {
      const id = await countryFilterId(ctx.db, args);
      return countRows(
        ctx.db,
        relationships,
        id === null
          ? undefined
          : or(eq(relationships.countryAId, id), eq(relationships.countryBId, id)),
      );
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await countryFilterId(ctx.db, args);
      return ctx.db.query.relationships.findMany(
        query({
          where: id === null ? {} : { OR: [{ countryAId: id }, { countryBId: id }] },
          orderBy: { key: "asc", id: "asc" },
        }),
      );
    },
  }),
}));

// ---- editing -------------------------------------------------------------------------------------

/** "CN-KG" from ["KG", "CN"], refusing anything but two different country codes. */
function pairKey(between: readonly string[]): string {
  if (
    between.length !== 2 ||
    !between.every((code) => /^[A-Za-z]{2}$/.test(code)) ||
    between[0]?.toUpperCase() === between[1]?.toUpperCase()
  ) {
    throw new Refusal(
      "a relationship is named by two different ISO 3166-1 alpha-2 codes",
      "BAD_USER_INPUT",
      "between",
    );
  }
  return relationshipKey(between);
}

const betweenArg = { required: true, description: 'The two countries, e.g. ["CN", "KG"]' } as const;

/** Relationships are named by their two countries rather than by a key. */
const byPair: Naming = {
  arg: "between",
  define: (t) => t.stringList(betweenArg),
  keyOf: pairKey,
};

const PartnershipStepInput = builder.inputType("PartnershipStepInput", {
  description:
    "A partnership level the relationship is at: give since (established then) or attestedOn (the date of a source that says so), not both.",
  fields: (t) => ({
    level: t.string({
      required: true,
      description:
        "A key of the ladder (partnershipLevels), e.g. comprehensive_strategic_partnership",
    }),
    since: t.field({ type: "PartialDate" }),
    attestedOn: t.field({ type: "PartialDate" }),
    note: t.field({ type: LocalizedTextInput }),
    sources: t.field({ type: [CitationInput], required: true }),
  }),
});

editable("relationship", {
  naming: byPair,
  what: "relationship of two countries, with its partnership steps if known",
  fields: (t, c) => ({
    ...(c
      ? {
          between: t.stringList({
            required: true,
            description: 'The two countries, in either order, e.g. ["KG", "UZ"]',
          }),
        }
      : {}),
    summary: t.field({ type: LocalizedTextInput }),
    partnerships: t.field({
      type: [PartnershipStepInput],
      description: "The partnership steps (replaces them whole)",
    }),
  }),
});

const versionArg = {
  required: true,
  description: "The version you read; a stale one is refused (CONFLICT)",
} as const;

type StepRecord = { level: string };

builder.mutationFields((t) => ({
  addPartnershipStep: t.drizzleField({
    type: "relationships",
    authScopes: { editor: true },
    retryWhileBusy: true,
    description:
      "Records a partnership level the relationship is at (editor): established since a date, or attested by a source of a date.",
    args: {
      between: t.arg.stringList(betweenArg),
      version: t.arg.int(versionArg),
      step: t.arg({ type: PartnershipStepInput, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const key = pairKey(args.between);
      const { changeRecord, withoutNulls } = await datasetEdit();
      let at = 0;
      const { id } = await changeRecord(
        ctx.db,
        "relationships",
        key,
        args.version,
        (current) => {
          const steps = (current.partnerships ?? []) as StepRecord[];
          if (steps.some((s) => s.level === args.step.level)) {
            throw new Refusal(
              `${key} already has a step at the level ${args.step.level}: remove it first, or update the relationship's steps`,
              "CONFLICT",
              "step.level",
            );
          }
          at = steps.length;
          return { ...current, partnerships: [...steps, withoutNulls(args.step)] };
        },
        {
          actor: actor(ctx),
          arg: "step",
          keyArg: "between",
          // Problems in the new step name its fields; others cannot arise from this change.
          argumentFor: (path) =>
            path[0] === "partnerships" && path[1] === at && path.length > 2
              ? `step.${path.slice(2).join(".")}`
              : "step",
        },
      );
      return reload(ctx, "relationship", query as never, id);
    },
  }),
  removePartnershipStep: t.drizzleField({
    type: "relationships",
    authScopes: { editor: true },
    retryWhileBusy: true,
    description: "Removes the relationship's step at a partnership level (editor).",
    args: {
      between: t.arg.stringList(betweenArg),
      version: t.arg.int(versionArg),
      level: t.arg.string({ required: true, description: "The level's key" }),
    },
    resolve: async (query, _root, args, ctx) => {
      const key = pairKey(args.between);
      const { changeRecord } = await datasetEdit();
      const { id } = await changeRecord(
        ctx.db,
        "relationships",
        key,
        args.version,
        (current) => {
          const steps = (current.partnerships ?? []) as StepRecord[];
          const kept = steps.filter((s) => s.level !== args.level);
          if (kept.length === steps.length) {
            throw new Refusal(
              `${key} has no step at the level ${args.level}`,
              "NOT_FOUND",
              "level",
            );
          }
          return { ...current, partnerships: kept };
        },
        { actor: actor(ctx), arg: "level", keyArg: "between" },
      );
      return reload(ctx, "relationship", query as never, id);
    },
  }),
}));
