// Mutations for every curated entity: create, update (with the version read) and delete, plus
// partnership changes. Inputs mirror the dataset file format (README: "Adding data"): records name
// each other by natural keys, and texts come in both languages. Every mutation is one transaction,
// validated like an import record, and recorded in the audit log under the caller's key name.
import type { InputFieldMap } from "@pothos/core";
import { actorOf } from "../../auth/principal.ts";
import {
  changeRecord,
  createRecord,
  deleteRecord,
  EditError,
  updateRecord,
  withoutNulls,
} from "../../dataset/edit.ts";
import type { Canonical, Section } from "../../dataset/sections.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import { builder } from "../builder.ts";
import type { GraphQLContext } from "../context.ts";
import { asClientErrors } from "../edit-errors.ts";
import { encodeId } from "../ids.ts";
import type { Types } from "./common.ts";
import { EventStatus, ParticipantRole } from "./event.ts";

// ---- version: what an update must name --------------------------------------------------------

const versionDescription =
  "Increases with every change. Pass the version you read to update or delete: a stale one is refused.";
for (const table of [
  "relationships",
  "events",
  "documents",
  "statements",
  "people",
  "projects",
  "organizations",
  "topics",
  "sources",
] as const) {
  builder.drizzleObjectField(table, "version", (t) =>
    t.exposeInt("version" as never, { description: versionDescription }),
  );
}

// ---- inputs ---------------------------------------------------------------------------------------

const LocalizedTextInput = builder.inputType("LocalizedTextInput", {
  description: "A text in both languages.",
  fields: (t) => ({ en: t.string({ required: true }), zh: t.string({ required: true }) }),
});

const CitationInput = builder.inputType("CitationInput", {
  description: "A source supporting the fact, and where in it.",
  fields: (t) => ({
    source: t.string({ required: true, description: "The source's key" }),
    locator: t.string({ description: "Where in the source, e.g. para 4" }),
  }),
});

const QuoteInput = builder.inputType("QuoteInput", {
  description: "The words as reported, in either or both languages.",
  fields: (t) => ({ zh: t.string(), en: t.string() }),
});

const ParticipantInput = builder.inputType("ParticipantInput", {
  fields: (t) => ({
    person: t.string({ required: true, description: "The person's key, e.g. wang-yi" }),
    role: t.field({ type: ParticipantRole, required: true }),
    side: t.string({ description: "The country they stood for; default: their own" }),
  }),
});

const OfficeInput = builder.inputType("OfficeInput", {
  description: "An office a person holds or held.",
  fields: (t) => ({
    title: t.field({ type: LocalizedTextInput, required: true }),
    organization: t.string({ description: "The organization's key" }),
    from: t.field({ type: "Date" }),
    to: t.field({ type: "Date" }),
    sources: t.field({ type: [CitationInput], required: true }),
  }),
});

const PartnershipStepInput = builder.inputType("PartnershipStepInput", {
  description: "A level the relationship reached from a date on.",
  fields: (t) => ({
    level: t.string({
      required: true,
      description: "A key on the partnership ladder, e.g. comprehensive_strategic_partnership",
    }),
    label: t.field({ type: LocalizedTextInput, description: "Default: the ladder's wording" }),
    since: t.field({ type: "Date", required: true }),
    note: t.field({ type: LocalizedTextInput }),
    sources: t.field({ type: [CitationInput], required: true }),
  }),
});

const DocumentPartyInput = builder.inputType("DocumentPartyInput", {
  fields: (t) => ({
    country: t.string({ required: true, description: "ISO 3166-1 alpha-2" }),
    organization: t.string({ description: "The signing body's key, e.g. a ministry" }),
  }),
});

const ProjectMentionInput = builder.inputType("ProjectMentionInput", {
  description: "What was said of a project on a date.",
  fields: (t) => ({
    date: t.field({ type: "Date", required: true }),
    event: t.string({ description: "The event's key" }),
    status: t.string({ description: "The project's status at the time" }),
    note: t.field({ type: LocalizedTextInput, required: true }),
    sources: t.field({ type: [CitationInput], required: true }),
  }),
});

type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, "InputObject">;

/**
 * `XInput` to create (key and required fields marked) and `XPatch` to update: in a patch, an
 * absent field is kept, null clears an optional one, and a list replaces the whole list.
 */
function inputPair(
  name: string,
  what: string,
  fields: (t: InputFields, create: boolean) => InputFieldMap,
  { keyed = true }: { keyed?: boolean } = {},
) {
  return {
    input: builder.inputType(`${name}Input`, {
      description: `A new ${what}, as in a dataset file.`,
      fields: (t) => ({
        ...(keyed
          ? { key: t.string({ required: true, description: "Lower-case, unique, permanent" }) }
          : {}),
        ...fields(t, true),
      }),
    }),
    patch: builder.inputType(`${name}Patch`, {
      description: `Changes to a ${what}: absent fields are kept, null clears an optional field, a list replaces the whole list.`,
      fields: (t) => fields(t, false),
    }),
  };
}

const text = (t: InputFields, required: boolean, description?: string) =>
  t.field({ type: LocalizedTextInput, required, description });
const cites = (t: InputFields, required: boolean) =>
  t.field({
    type: [CitationInput],
    required,
    description: "The sources that support it (at least one)",
  });

const TopicInputs = inputPair("Topic", "topic", (t, c) => ({
  kind: t.string({ required: c, description: "cooperation_area | issue | initiative" }),
  name: text(t, c),
}));

const SourceInputs = inputPair("Source", "source", (t, c) => ({
  publication: text(t, c),
  title: text(t, c),
  language: t.string({ required: c, description: "Two-letter code of the original's language" }),
  publishedOn: t.field({ type: "Date", required: c }),
  page: t.string(),
  url: t.string(),
  note: text(t, false, "Where a source outside the seeded articles comes from"),
}));

const OrganizationInputs = inputPair("Organization", "organization", (t, c) => ({
  kind: t.string({
    required: c,
    description: "intergovernmental | mechanism | ministry | international",
  }),
  abbreviation: t.string(),
  name: text(t, c),
  country: t.string({ description: "ISO 3166-1 alpha-2" }),
}));

const PersonInputs = inputPair("Person", "person", (t, c) => ({
  name: text(t, c),
  country: t.string({ description: "ISO 3166-1 alpha-2" }),
  offices: t.field({ type: [OfficeInput], description: "Positions held" }),
}));

const RelationshipInputs = inputPair(
  "Relationship",
  "relationship",
  (t, c) => ({
    ...(c
      ? {
          between: t.stringList({
            required: true,
            description: 'The two countries, in either order, e.g. ["KG", "UZ"]',
          }),
        }
      : {}),
    summary: text(t, false),
    partnerships: t.field({
      type: [PartnershipStepInput],
      description: "The partnership history (replaces it whole)",
    }),
  }),
  { keyed: false },
);

const EventInputs = inputPair("Event", "event", (t, c) => ({
  between: t.stringList({ required: c, description: 'The relationship, e.g. ["CN", "KG"]' }),
  type: t.string({ required: c, description: "An event type key, e.g. visit, talks" }),
  status: t.field({ type: EventStatus, description: "Default HELD" }),
  date: t.field({ type: "Date", required: c }),
  endDate: t.field({ type: "Date" }),
  host: t.string({ description: "The host country" }),
  place: text(t, false),
  title: text(t, c),
  summary: text(t, false),
  firstOfKind: t.boolean(),
  topics: t.stringList({ description: "Topic keys" }),
  participants: t.field({ type: [ParticipantInput] }),
  sources: cites(t, c),
}));

const DocumentInputs = inputPair("Document", "document", (t, c) => ({
  kind: t.string({
    required: c,
    description:
      "joint_statement | joint_declaration | cooperation_programme | mou | agreement | treaty | communique",
  }),
  title: text(t, c),
  signedOn: t.field({ type: "Date" }),
  event: t.string({ description: "The event where it was signed" }),
  validFrom: t.field({ type: "Date" }),
  validTo: t.field({ type: "Date" }),
  summary: text(t, false),
  parties: t.field({ type: [DocumentPartyInput], required: c }),
  sources: cites(t, c),
}));

const ProjectInputs = inputPair("Project", "project", (t, c) => ({
  status: t.string({
    required: c,
    description: "proposed | planned | under_construction | operational | suspended",
  }),
  name: text(t, c),
  summary: text(t, false),
  countries: t.stringList({ required: c, description: "The countries taking part" }),
  topics: t.stringList(),
  mentions: t.field({ type: [ProjectMentionInput] }),
}));

const PositionInputs = inputPair("Position", "position or commitment", (t, c) => ({
  kind: t.string({
    required: c,
    description: "position | commitment | support | request | assessment",
  }),
  side: t.string({ required: c, description: "The country whose position it is" }),
  speaker: t.string({ description: "The person's key" }),
  event: t.string({ description: "The event where it was stated" }),
  topic: t.string({ required: c }),
  organization: t.string(),
  project: t.string(),
  date: t.field({ type: "Date", required: c }),
  text: text(t, c),
  quote: t.field({ type: QuoteInput }),
  sources: cites(t, c),
}));

// ---- mutations ------------------------------------------------------------------------------------

const DeletedRecord = builder.objectRef<{ id: string; key: string }>("DeletedRecord").implement({
  description: "What was deleted.",
  fields: (t) => ({
    id: t.id({ resolve: (r) => r.id }),
    key: t.string({ resolve: (r) => r.key }),
  }),
});

type Table =
  | "topics"
  | "sources"
  | "organizations"
  | "people"
  | "relationships"
  | "events"
  | "documents"
  | "projects"
  | "statements";

type Finder = { findFirst: (query: unknown) => Promise<unknown> };

/** The edited record, read back after the commit with the fields the client selected. */
async function reload(
  ctx: GraphQLContext,
  table: Table,
  query: (q: object) => unknown,
  id: number,
) {
  const finder = (ctx.db.query as unknown as Record<Table, Finder>)[table];
  return (await finder.findFirst(query({ where: { id } }))) as never;
}

const actor = (ctx: GraphQLContext) => actorOf(ctx.auth.principal);
const editor = { editor: true } as const;

type Spec = {
  /** GraphQL type name: createEvent, updateEvent, deleteEvent. */
  name: string;
  section: Section;
  table: Table;
  inputs: ReturnType<typeof inputPair>;
  what: string;
};

function keyedMutations({ name, section, table, inputs, what }: Spec) {
  builder.mutationFields((t) => ({
    [`create${name}`]: t.drizzleField({
      type: table as "events",
      authScopes: editor,
      description: `Creates a ${what} (editor). Its key must be new (CONFLICT otherwise).`,
      args: { input: t.arg({ type: inputs.input, required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const { id } = asClientErrors(() =>
          createRecord(ctx.db, section, args.input as Record<string, unknown>, {
            actor: actor(ctx),
            arg: "input",
          }),
        );
        return reload(ctx, table, query as never, id);
      },
    }),
    [`update${name}`]: t.drizzleField({
      type: table as "events",
      authScopes: editor,
      description: `Changes a ${what} (editor). Pass the version you read: if someone changed it since, CONFLICT.`,
      args: {
        key: t.arg.string({ required: true }),
        version: t.arg.int({ required: true }),
        patch: t.arg({ type: inputs.patch, required: true }),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = asClientErrors(() =>
          updateRecord(ctx.db, section, args.key, args.version, args.patch as Canonical, {
            actor: actor(ctx),
            arg: "patch",
          }),
        );
        return reload(ctx, table, query as never, id);
      },
    }),
    [`delete${name}`]: t.field({
      type: DeletedRecord,
      authScopes: editor,
      description: `Deletes a ${what} (editor) that no other record refers to (CONFLICT otherwise).`,
      args: { key: t.arg.string({ required: true }), version: t.arg.int({ required: true }) },
      resolve: (_root, args, ctx) => {
        const { id } = asClientErrors(() =>
          deleteRecord(ctx.db, section, args.key, args.version, { actor: actor(ctx) }),
        );
        return { id: encodeId(nodeNames[table], id), key: args.key };
      },
    }),
  }));
}

const nodeNames: Record<Table, string> = {
  topics: "Topic",
  sources: "Source",
  organizations: "Organization",
  people: "Person",
  relationships: "Relationship",
  events: "Event",
  documents: "Document",
  projects: "Project",
  statements: "Position",
};

keyedMutations({
  name: "Topic",
  section: "topics",
  table: "topics",
  inputs: TopicInputs,
  what: "topic",
});
keyedMutations({
  name: "Source",
  section: "sources",
  table: "sources",
  inputs: SourceInputs,
  what: "source",
});
keyedMutations({
  name: "Organization",
  section: "organizations",
  table: "organizations",
  inputs: OrganizationInputs,
  what: "organization",
});
keyedMutations({
  name: "Person",
  section: "people",
  table: "people",
  inputs: PersonInputs,
  what: "person (with the offices they hold)",
});
keyedMutations({
  name: "Event",
  section: "events",
  table: "events",
  inputs: EventInputs,
  what: "event (with its participants, topics and sources)",
});
keyedMutations({
  name: "Document",
  section: "documents",
  table: "documents",
  inputs: DocumentInputs,
  what: "document (with its parties)",
});
keyedMutations({
  name: "Project",
  section: "projects",
  table: "projects",
  inputs: ProjectInputs,
  what: "project (with its countries, topics and mentions)",
});
keyedMutations({
  name: "Position",
  section: "statements",
  table: "statements",
  inputs: PositionInputs,
  what: "position or commitment",
});

// Relationships are named by their two countries rather than by a key.

/** "CN-KG" from ["KG", "CN"], refusing anything but two different country codes. */
function pairKey(between: readonly string[]): string {
  if (
    between.length !== 2 ||
    !between.every((code) => /^[A-Za-z]{2}$/.test(code)) ||
    between[0]?.toUpperCase() === between[1]?.toUpperCase()
  ) {
    throw new EditError(
      "a relationship is named by two different ISO 3166-1 alpha-2 codes",
      "BAD_USER_INPUT",
      "between",
    );
  }
  return relationshipKey(between);
}

const betweenArg = { required: true, description: 'The two countries, e.g. ["CN", "KG"]' } as const;
const versionArg = {
  required: true,
  description: "The version you read; a stale one is refused (CONFLICT)",
} as const;

builder.mutationFields((t) => ({
  createRelationship: t.drizzleField({
    type: "relationships",
    authScopes: editor,
    description:
      "Creates the relationship of two countries (editor), with its partnership history if known.",
    args: { input: t.arg({ type: RelationshipInputs.input, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { id } = asClientErrors(() =>
        createRecord(ctx.db, "relationships", args.input as Record<string, unknown>, {
          actor: actor(ctx),
          arg: "input",
        }),
      );
      return reload(ctx, "relationships", query as never, id);
    },
  }),
  updateRelationship: t.drizzleField({
    type: "relationships",
    authScopes: editor,
    description: "Changes a relationship's summary or replaces its partnership history (editor).",
    args: {
      between: t.arg.stringList(betweenArg),
      version: t.arg.int(versionArg),
      patch: t.arg({ type: RelationshipInputs.patch, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { id } = asClientErrors(() =>
        updateRecord(
          ctx.db,
          "relationships",
          pairKey(args.between),
          args.version,
          args.patch as Canonical,
          { actor: actor(ctx), arg: "patch", keyArg: "between" },
        ),
      );
      return reload(ctx, "relationships", query as never, id);
    },
  }),
  deleteRelationship: t.field({
    type: DeletedRecord,
    authScopes: editor,
    description: "Deletes a relationship without events (editor).",
    args: { between: t.arg.stringList(betweenArg), version: t.arg.int(versionArg) },
    resolve: (_root, args, ctx) =>
      asClientErrors(() => {
        const key = pairKey(args.between);
        const { id } = deleteRecord(ctx.db, "relationships", key, args.version, {
          actor: actor(ctx),
          keyArg: "between",
        });
        return { id: encodeId("Relationship", id), key };
      }),
  }),
  addPartnershipStep: t.drizzleField({
    type: "relationships",
    authScopes: editor,
    description: "Records a change of partnership level (editor): an upgrade, say, from a date on.",
    args: {
      between: t.arg.stringList(betweenArg),
      version: t.arg.int(versionArg),
      step: t.arg({ type: PartnershipStepInput, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { id } = asClientErrors(() => {
        const key = pairKey(args.between);
        let at = 0;
        return changeRecord(
          ctx.db,
          "relationships",
          key,
          args.version,
          (current) => {
            const steps = (current.partnerships ?? []) as { since: string }[];
            if (steps.some((s) => s.since === args.step.since)) {
              throw new EditError(
                `${key} already has a partnership step since ${args.step.since}: remove it first, or update the history`,
                "CONFLICT",
                "step.since",
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
      });
      return reload(ctx, "relationships", query as never, id);
    },
  }),
  removePartnershipStep: t.drizzleField({
    type: "relationships",
    authScopes: editor,
    description: "Removes the partnership step that began on `since` (editor).",
    args: {
      between: t.arg.stringList(betweenArg),
      version: t.arg.int(versionArg),
      since: t.arg({ type: "Date", required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { id } = asClientErrors(() => {
        const key = pairKey(args.between);
        return changeRecord(
          ctx.db,
          "relationships",
          key,
          args.version,
          (current) => {
            const steps = (current.partnerships ?? []) as { since: string }[];
            const kept = steps.filter((s) => s.since !== args.since);
            if (kept.length === steps.length) {
              throw new EditError(
                `${key} has no partnership step since ${args.since}`,
                "NOT_FOUND",
                "since",
              );
            }
            return { ...current, partnerships: kept };
          },
          { actor: actor(ctx), arg: "since", keyArg: "between" },
        );
      });
      return reload(ctx, "relationships", query as never, id);
    },
  }),
}));
