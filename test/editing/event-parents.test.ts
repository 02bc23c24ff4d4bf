// An event's parent (the visit a meeting was part of) is in its own relationship and is never one
// of its own parts, at any depth: an edit or an import that would make a loop, or hang an event
// under another relationship's, is refused naming `parent`, with nothing written. A loop could
// be exported but never imported again.
import { beforeEach, describe, expect, it } from "vitest";
import { exportDataset, formatDataset } from "../../src/dataset/export.ts";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { DatasetError } from "../../src/dataset/problems.ts";
import { importDataset } from "../../src/dataset/write.ts";
import type { Db } from "../../src/db/client.ts";
import { createTestDb } from "../support/db.ts";
import { type GraphQLResponse, graphqlClient, onlyError } from "../support/graphql.ts";

const SOURCE = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";
const VISIT = "2025-11-19-wang-yi-visits-kyrgyzstan";
const MEETING = "2025-11-19-japarov-meets-wang-yi";

type Gql = Awaited<ReturnType<typeof graphqlClient>>;
let db: Db;
let editor: Gql;
let admin: Gql;
beforeEach(async () => {
  db = createTestDb().db;
  editor = await graphqlClient(db, {}, { role: "editor" });
  admin = await graphqlClient(db, {}, { role: "admin" });
});

const event = (key: string, between: string[], parent?: string) => ({
  key,
  between,
  type: "talks",
  date: "2025-11-19",
  title: { en: key },
  sources: [{ source: SOURCE }],
  ...(parent ? { parent } : {}),
});

const createEvent = `mutation ($input: EventInput!) { createEvent(input: $input) { key version } }`;
const updateEvent = `mutation ($key: String!, $version: Int!, $patch: EventPatch!) {
  updateEvent(key: $key, version: $version, patch: $patch) { key parent { key } }
}`;

function ok<T>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

function refused(response: GraphQLResponse, argumentName: string, message: RegExp) {
  const error = onlyError(response);
  expect(error.extensions, error.message).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
  expect(error.message).toMatch(message);
}

const parentOf = (key: string) =>
  (
    db.$client
      .prepare(
        "SELECT p.key AS parent FROM events e LEFT JOIN events p ON p.id = e.parent_id WHERE e.key = ?",
      )
      .get(key) as { parent: string | null }
  ).parent;
const versionOf = (key: string) =>
  (db.$client.prepare("SELECT version FROM events WHERE key = ?").get(key) as { version: number })
    .version;

describe("editing an event's parent", () => {
  it("refuses a parent that is part of the event, two and three levels down", async () => {
    ok(await editor(createEvent, { input: event("cyc-x", ["CN", "KG"]) }));
    ok(await editor(createEvent, { input: event("cyc-y", ["CN", "KG"], "cyc-x") }));
    refused(
      await editor(updateEvent, { key: "cyc-x", version: 1, patch: { parent: "cyc-y" } }),
      "patch.parent",
      /"cyc-y" is itself part of "cyc-x" \("cyc-x" → "cyc-y" → "cyc-x"\)/,
    );
    expect(parentOf("cyc-x")).toBeNull();

    // The seeded visit, its meeting with Japarov, and a session of that meeting.
    ok(await editor(createEvent, { input: event("a-session", ["CN", "KG"], MEETING) }));
    refused(
      await editor(updateEvent, {
        key: VISIT,
        version: versionOf(VISIT),
        patch: { parent: "a-session" },
      }),
      "patch.parent",
      /part of its own part/,
    );
    expect(parentOf(VISIT)).toBeNull();
    // A parent that is not one of its parts is still fine.
    ok(
      await editor(updateEvent, {
        key: "a-session",
        version: 1,
        patch: { parent: VISIT },
      }),
    );
    expect(parentOf("a-session")).toBe(VISIT);
  });

  it("refuses a parent in another relationship, in a create and in an update", async () => {
    ok(await editor(`mutation { createRelationship(input: { between: ["CN", "UZ"] }) { key } }`));
    ok(await editor(createEvent, { input: event("uz-visit", ["CN", "UZ"]) }));
    refused(
      await editor(createEvent, { input: event("kg-talks", ["CN", "KG"], "uz-visit") }),
      "input.parent",
      /event "uz-visit" belongs to CN-UZ, not CN-KG/,
    );
    refused(
      await editor(updateEvent, {
        key: MEETING,
        version: versionOf(MEETING),
        patch: { parent: "uz-visit" },
      }),
      "patch.parent",
      /belongs to CN-UZ, not CN-KG/,
    );
    expect(parentOf(MEETING)).toBe(VISIT);
  });
});

describe("moving an event with parts to another relationship", () => {
  it("is refused naming between, listing what would be left behind; nothing is written", async () => {
    ok(await editor(`mutation { createRelationship(input: { between: ["CN", "UZ"] }) { key } }`));
    const version = versionOf(VISIT);
    const response = await editor(updateEvent, {
      key: VISIT,
      version,
      patch: { between: ["CN", "UZ"] },
    });
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "patch.between",
    });
    const problems = error.extensions?.problems as { argumentName: string; message: string }[];
    expect(problems).toContainEqual({
      argumentName: "patch.between",
      message: `moving event "${VISIT}" to CN-UZ would leave event "${MEETING}", which refers to it, in CN-KG: move or change it first`,
    });
    expect(problems.some((p) => /would leave statement "/.test(p.message))).toBe(true);
    expect(versionOf(VISIT)).toBe(version);
    const stays = db.$client
      .prepare(
        "SELECT r.key AS pair FROM events e JOIN relationships r ON r.id = e.relationship_id WHERE e.key = ?",
      )
      .get(VISIT);
    expect(stays).toEqual({ pair: "CN-KG" });
  });
});

const loop = `format: 2
events:
  - { key: cyc-a, between: [CN, KG], type: talks, date: 2025-11-19, parent: cyc-b, title: { en: Cycle A }, sources: [${SOURCE}] }
  - { key: cyc-b, between: [CN, KG], type: talks, date: 2025-11-19, parent: cyc-a, title: { en: Cycle B }, sources: [${SOURCE}] }
`;
const importMutation = `mutation ($c: String!, $d: Boolean) { importDataset(content: $c, dryRun: $d) { created } }`;

describe("importing events whose parents loop or cross relationships", () => {
  it.each([true, false])(
    "refuses a loop within the file as a problem of its records (dryRun: %s)",
    async (dryRun) => {
      const response = await admin(importMutation, { c: loop, d: dryRun });
      const error = onlyError(response);
      expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "content" });
      const problems = error.extensions?.problems as { path: string; message: string }[];
      expect(problems.map((p) => p.path).sort()).toEqual(["events[0].parent", "events[1].parent"]);
      expect(problems[0]?.message).toMatch(/part of its own part/);
      expect(
        db.$client.prepare("SELECT count(*) AS n FROM events WHERE key LIKE 'cyc-%'").get(),
      ).toEqual({ n: 0 });
    },
  );

  it("refuses a loop made with a stored event, and a parent in another relationship", async () => {
    const file = `format: 2
relationships:
  - between: [CN, UZ]
events:
  - { key: ${VISIT}, between: [CN, KG], type: visit, date: 2025-11-19, parent: ${MEETING}, title: { en: A visit }, sources: [${SOURCE}] }
  - { key: uz-visit, between: [CN, UZ], type: visit, date: 2025-11-21, title: { en: A visit }, sources: [${SOURCE}] }
  - { key: kg-talks, between: [CN, KG], type: talks, date: 2025-11-21, parent: uz-visit, title: { en: Talks }, sources: [${SOURCE}] }
`;
    const error = onlyError(await admin(importMutation, { c: file, d: false }));
    const problems = error.extensions?.problems as { path: string; message: string }[];
    expect(problems).toEqual([
      expect.objectContaining({
        path: "events[0].parent",
        message: expect.stringMatching(/"2025-11-19-japarov-meets-wang-yi" is itself part of/),
      }),
      expect.objectContaining({
        path: "events[2].parent",
        message: expect.stringMatching(/event "uz-visit" belongs to CN-UZ, not CN-KG/),
      }),
    ]);
    expect(parentOf(VISIT)).toBeNull();
  });

  it("reports a loop already stored when its export is imported, instead of failing inside", async () => {
    // A loop stored before edits refused it.
    db.$client
      .prepare("UPDATE events SET parent_id = (SELECT id FROM events WHERE key = ?) WHERE key = ?")
      .run(MEETING, VISIT);
    const text = formatDataset(await exportDataset(db), "yaml");
    const empty = createTestDb({ seed: false }).db;
    let problems: { path: string; message: string }[] = [];
    try {
      await importDataset(empty, [parseDatasetText("export.yaml", text)], { actor: "test" });
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      problems = error.problems;
    }
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/part of its own part/),
      expect.stringMatching(/part of its own part/),
    ]);
    expect(problems.every((p) => p.path.endsWith(".parent"))).toBe(true);
  });
});

describe("importing a chain of parts", () => {
  const session = (key: string, parent: string) =>
    `  - { key: ${key}, between: [CN, KG], type: talks, date: 2025-11-19, parent: ${parent}, title: { en: ${key} }, sources: [${SOURCE}] }\n`;

  it("writes each event after its parent, however the file orders them", async () => {
    // A session of a meeting during a visit, listed before the meeting, and the visit last.
    const file = `format: 2
events:
${session("chain-session", "chain-meeting")}${session("chain-meeting", "chain-visit")}  - { key: chain-visit, between: [CN, KG], type: visit, date: 2025-11-19, title: { en: A visit }, sources: [${SOURCE}] }
`;
    const report = await importDataset(db, [parseDatasetText("chain.yaml", file)], {
      actor: "test",
    });
    expect(report.created).toBe(3);
    expect(parentOf("chain-session")).toBe("chain-meeting");
    expect(parentOf("chain-meeting")).toBe("chain-visit");
  });

  it("imports the export of a three-level chain into an empty database", async () => {
    // The session sorts before the meeting it is part of in an export (same day, by key).
    ok(await editor(createEvent, { input: event("2025-11-19-a-session", ["CN", "KG"], MEETING) }));
    const text = formatDataset(await exportDataset(db), "yaml");
    const empty = createTestDb({ seed: false }).db;
    const report = await importDataset(empty, [parseDatasetText("export.yaml", text)], {
      actor: "test",
    });
    expect(report.created).toBe(report.records);
    expect(formatDataset(await exportDataset(empty), "yaml")).toBe(text);
  });
});
