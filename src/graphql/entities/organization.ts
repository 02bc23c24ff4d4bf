// Organizations and mechanisms: multilateral, regional, or bilateral (then of one relationship).
import { builder } from "../builder.ts";
import { OrganizationKind, OrganizationScope, vocabularyField } from "../enums.ts";
import { editable } from "../mutations.ts";
import { bilingual, LocalizedTextInput } from "../text.ts";

builder.drizzleNode("organizations", {
  name: "Organization",
  select: {
    columns: { key: true, kind: true, scope: true, abbreviation: true, nameEn: true, nameZh: true },
  },
  id: { column: (o) => o.id },
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: vocabularyField(t, "kind", OrganizationKind),
    scope: vocabularyField(t, "scope", OrganizationScope),
    abbreviation: t.exposeString("abbreviation", { nullable: true }),
    ...bilingual(t, "name"),
    country: t.relation("country", { nullable: true }),
    relationship: t.relation("relationship", {
      nullable: true,
      description: "The relationship a bilateral mechanism belongs to",
    }),
  }),
});

builder.queryFields((t) => ({
  organizations: t.drizzleField({
    type: ["organizations"],
    args: {
      kind: t.arg({ type: OrganizationKind }),
      scope: t.arg({ type: OrganizationScope }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.organizations.findMany(
        query({
          where: {
            ...(args.kind ? { kind: args.kind } : {}),
            ...(args.scope ? { scope: args.scope } : {}),
          },
          orderBy: { key: "asc" },
        }),
      ),
  }),
}));

editable("organization", {
  what: "organization or mechanism",
  fields: (t, c) => ({
    kind: t.field({ type: OrganizationKind, required: c }),
    scope: t.field({ type: OrganizationScope, required: c }),
    abbreviation: t.string(),
    name: t.field({ type: LocalizedTextInput, required: c }),
    country: t.string({ description: "ISO 3166-1 alpha-2" }),
    between: t.stringList({
      description: 'A bilateral mechanism\'s relationship, e.g. ["CN", "UZ"]',
    }),
  }),
});
