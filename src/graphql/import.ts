// Importing a dataset file over GraphQL (admin): the same validation, upsert and audit as
// `attache import`, for files within the request size limit (larger ones: the CLI).
import { actorOf } from "../auth/principal.ts";
import type { ImportReport } from "../dataset/write.ts";
import { builder } from "./builder.ts";
import { userInputError } from "./errors.ts";

const DatasetFormat = builder.enumType("DatasetFormat", {
  values: { YAML: { value: "yaml" }, JSON: { value: "json" } } as const,
});

type SectionResult = ImportReport["sections"][number];

const ImportSection = builder.objectRef<SectionResult>("ImportSection").implement({
  fields: (t) => ({
    section: t.exposeString("section", { description: "events, people, …" }),
    created: t.exposeInt("created"),
    updated: t.exposeInt("updated"),
    unchanged: t.exposeInt("unchanged"),
  }),
});

const ImportResult = builder.objectRef<ImportReport>("ImportResult").implement({
  description: "What an import did (or, in a dry run, would do).",
  fields: (t) => ({
    dryRun: t.exposeBoolean("dryRun", { description: "Nothing was written" }),
    changed: t.boolean({
      description: "False when every record was already stored as in the file",
      resolve: (r) => r.created + r.updated > 0,
    }),
    records: t.exposeInt("records"),
    created: t.exposeInt("created"),
    updated: t.exposeInt("updated"),
    unchanged: t.exposeInt("unchanged"),
    sections: t.field({ type: [ImportSection], resolve: (r) => r.sections }),
  }),
});

builder.mutationField("importDataset", (t) =>
  t.field({
    type: ImportResult,
    authScopes: { admin: true },
    retryWhileBusy: true,
    description:
      "Imports a dataset file's content (admin), in the seeds' format: validated whole, then upserted by natural keys in one transaction. On any problem nothing is written and the error lists them (extensions.problems).",
    args: {
      content: t.arg.string({ required: true, description: "The file's text" }),
      format: t.arg({ type: DatasetFormat, defaultValue: "yaml" }),
      name: t.arg.string({
        defaultValue: "graphql-import",
        description: "Names the file in errors and in the audit log",
      }),
      dryRun: t.arg.boolean({ defaultValue: false, description: "Validate and count only" }),
      allowMoves: t.arg.boolean({
        defaultValue: false,
        description:
          "Let a record whose key belongs to another relationship, side or event move where the file puts it",
      }),
    },
    resolve: async (_root, args, ctx) => {
      // Loaded when an import runs: reads start without the dataset engine.
      const { parseDatasetText } = await import("../dataset/load.ts");
      const { importDataset } = await import("../dataset/write.ts");
      const format = args.format ?? "yaml";
      const name = args.name ?? "graphql-import";
      if (!/^[\w.@+-]{1,100}$/.test(name)) {
        throw userInputError("name: use letters, digits and . _ - @ +", "name");
      }
      const file = `${name.replace(/\.(ya?ml|json)$/, "")}.${format}`;
      return importDataset(ctx.db, [parseDatasetText(file, args.content)], {
        actor: actorOf(ctx.auth.principal),
        dryRun: args.dryRun ?? false,
        allowMoves: args.allowMoves ?? false,
      });
    },
  }),
);
