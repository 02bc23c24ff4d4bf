// draftFromArticle over GraphQL: editors only, the draft as YAML and records, nothing written.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportDataset } from "../../src/dataset/export.ts";
import { createTestDb } from "../support/db.ts";
import { graphqlClient, onlyError } from "../support/graphql.ts";

const DRAFT = `mutation Draft($input: DraftFromArticleInput!) {
  draftFromArticle(input: $input) {
    yaml records review
    notes { section key confidence review locator }
    references { section key }
  }
}`;
const text = fs.readFileSync(
  path.resolve("test/fixtures/articles/2021-07-28-china-mongolia-talks-xinhua.zh.txt"),
  "utf8",
);
const input = { text, publication: "新华社", publishedOn: "2021-07-28" };

type DraftData = {
  draftFromArticle: {
    yaml: string;
    records: { events: { key: string; participants: { person: string }[] }[] };
    notes: {
      section: string;
      key: string;
      confidence: number;
      review: string[];
      locator: string | null;
    }[];
    references: { section: string; key: string }[];
  };
};

describe("draftFromArticle", () => {
  it("is refused without an editor key", async () => {
    const { db } = createTestDb();
    const response = await (await graphqlClient(db, {}, { role: "viewer" }))(DRAFT, { input });
    expect(onlyError(response).extensions?.code).toBe("FORBIDDEN");
  });

  it("drafts for an editor, referencing stored people, and writes nothing", async () => {
    const { db } = createTestDb();
    const ask = await graphqlClient(db, {}, { role: "editor" });
    const before = await exportDataset(db);
    const audit = db.$client.prepare("select count(*) as n from audit_log").get();
    const response = await ask<DraftData>(DRAFT, { input });
    expect(response.errors).toBeUndefined();
    const draft = response.data?.draftFromArticle;
    expect(draft?.yaml).toMatch(/^format: 2$/m);
    expect(draft?.references).toContainEqual({ section: "people", key: "wang-yi" });
    expect(draft?.records.events[0]?.participants.map((p) => p.person)).toContain("wang-yi");
    expect(draft?.notes.find((n) => n.section === "documents")).toMatchObject({
      locator: "para 5",
    });
    expect(await exportDataset(db)).toEqual(before);
    expect(db.$client.prepare("select count(*) as n from audit_log").get()).toEqual(audit);
  });

  it("refuses bad input naming the argument", async () => {
    const { db } = createTestDb();
    const ask = await graphqlClient(db, {}, { role: "editor" });
    const empty = onlyError(await ask(DRAFT, { input: { ...input, text: " " } }));
    expect(empty.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "text" });
    const badDate = onlyError(await ask(DRAFT, { input: { ...input, publishedOn: "2021-02-30" } }));
    expect(badDate.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses an article over 50,000 characters, naming the field", async () => {
    const { db } = createTestDb();
    const ask = await graphqlClient(db, {}, { role: "editor" });
    const sentence = "王毅表示，中方愿同吉方加强合作。\n"; // 17 characters
    const long = `${text}\n${sentence.repeat(3000)}`.slice(0, 50_001);
    const refused = onlyError(await ask(DRAFT, { input: { ...input, text: long } }));
    expect(refused.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "text" });
    expect(refused.message).toMatch(/50,001 characters long; a draft takes at most 50,000/);
    const drafted = await ask(DRAFT, { input: { ...input, text: long.slice(0, 50_000) } });
    expect(drafted.errors).toBeUndefined();
  });
});
