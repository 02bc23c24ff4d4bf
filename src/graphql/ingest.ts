// Drafting records from a news report (editors): the same extractor as `attache ingest`. The
// draft comes back as a dataset file to review and then import (importDataset); nothing is
// written here.

import type { Draft, ReviewNote, StoredReference } from "../ingest/draft.ts";
import { builder } from "./builder.ts";

const DraftNote = builder.objectRef<ReviewNote>("DraftNote").implement({
  description: "What the extractor says about one drafted record.",
  fields: (t) => ({
    section: t.exposeString("section", {
      description: "The dataset section: events, statements, …",
    }),
    key: t.exposeString("key"),
    confidence: t.exposeFloat("confidence", { description: "0–1: how sure the extractor is" }),
    review: t.exposeStringList("review", { description: "What a reviewer should check" }),
    locator: t.exposeString("locator", {
      nullable: true,
      description: "Where in the article, e.g. para 4",
    }),
  }),
});

const DraftReference = builder.objectRef<StoredReference>("DraftReference").implement({
  description: "A stored record the article speaks of: referenced by key, not drafted again.",
  fields: (t) => ({
    section: t.exposeString("section"),
    key: t.exposeString("key"),
    locator: t.exposeString("locator", { nullable: true }),
  }),
});

type ArticleDraftResult = Draft & { yaml: string };

const ArticleDraft = builder.objectRef<ArticleDraftResult>("ArticleDraft").implement({
  description:
    "Draft records from one article, in the dataset file format: review them, then import the YAML (importDataset or `attache import`).",
  fields: (t) => ({
    yaml: t.exposeString("yaml", {
      description: "The draft as a dataset file, with review comments",
    }),
    records: t.field({
      type: "JSON",
      description: "The same records, structured as in the file (format 2)",
      resolve: (d) => d.file,
    }),
    notes: t.field({ type: [DraftNote], resolve: (d) => d.notes }),
    references: t.field({ type: [DraftReference], resolve: (d) => d.references }),
    review: t.exposeStringList("review", { description: "What could not be drafted, and why" }),
  }),
});

const DraftFromArticleInput = builder.inputType("DraftFromArticleInput", {
  fields: (t) => ({
    text: t.string({ required: true, description: "The article's text (Chinese official news)" }),
    publication: t.string({ required: true, description: "e.g. 人民日报, 新华社" }),
    publishedOn: t.field({ type: "Date", required: true }),
    page: t.string(),
    url: t.string(),
    title: t.string({ description: "The article's title; the first heading line if absent" }),
    merge: t.boolean({
      defaultValue: false,
      description: "Leave out records that may repeat stored ones, not only those that do",
    }),
  }),
});

builder.mutationField("draftFromArticle", (t) =>
  t.field({
    type: ArticleDraft,
    authScopes: { editor: true },
    retryWhileBusy: true,
    description:
      "Drafts dataset records from a news report (editor). Reads what is stored to reference it; writes nothing.",
    args: { input: t.arg({ type: DraftFromArticleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      // Loaded when a draft is asked for: reads start without the extractor and its lexicons.
      const [{ draftFromArticle }, { renderDraft }, { storedFromDb }] = await Promise.all([
        import("../ingest/draft-article.ts"),
        import("../ingest/render.ts"),
        import("../ingest/stored-db.ts"),
      ]);
      const stored = await storedFromDb(ctx.db);
      const article = {
        text: input.text,
        publication: input.publication,
        publishedOn: input.publishedOn,
        page: input.page ?? undefined,
        url: input.url ?? undefined,
        title: input.title ?? undefined,
      };
      const draft = draftFromArticle(article, stored, { merge: input.merge ?? false });
      const heading = `Draft from ${article.publication} of ${article.publishedOn}${article.title ? `: ${article.title}` : ""}`;
      return { ...draft, yaml: renderDraft(draft, heading) };
    },
  }),
);
