// Two analysts editing one event must not silently overwrite each other: an update names the
// version it read, and a stale one is refused.
import { describe, expect, it } from "vitest";
import { createTestDb } from "../support/db.ts";
import { graphqlClient, onlyError } from "../support/graphql.ts";

const KEY = "2025-11-19-first-strategic-dialogue";
const read = `query ($key: String!) { event(key: $key) { version summary status } }`;
const update = `mutation ($key: String!, $version: Int!, $patch: EventPatch!) {
  updateEvent(key: $key, version: $version, patch: $patch) { version summary status }
}`;

type Event = { version: number; summary: string | null; status: string };

describe("optimistic concurrency", () => {
  it("refuses the second of two updates based on the same version, keeping the first", async () => {
    const { db } = createTestDb();
    const alice = await graphqlClient(db, {}, { role: "editor" });
    const bob = await graphqlClient(db, {}, { role: "editor" });
    const seenByAlice = (await alice<{ event: Event }>(read, { key: KEY })).data?.event;
    const seenByBob = (await bob<{ event: Event }>(read, { key: KEY })).data?.event;
    expect(seenByAlice?.version).toBe(1);
    expect(seenByBob?.version).toBe(1);

    const first = await alice<{ updateEvent: Event }>(update, {
      key: KEY,
      version: seenByAlice?.version,
      patch: { summary: { en: "Alice's summary", zh: "爱丽丝的摘要" } },
    });
    expect(first.data?.updateEvent).toMatchObject({ version: 2, summary: "Alice's summary" });

    const second = await bob(update, {
      key: KEY,
      version: seenByBob?.version,
      patch: { status: "CANCELLED" },
    });
    const error = onlyError(second);
    expect(error.extensions).toMatchObject({
      code: "CONFLICT",
      argumentName: "version",
      currentVersion: 2,
      yourVersion: 1,
    });
    expect(error.message).toMatch(/is at version 2, not 1: test-editor-\d+ changed it at /);

    // Alice's change stands; Bob's did not half-happen.
    expect((await bob<{ event: Event }>(read, { key: KEY })).data?.event).toEqual({
      version: 2,
      summary: "Alice's summary",
      status: "HELD",
    });
    // Bob reads again and reapplies: accepted.
    const retried = await bob<{ updateEvent: Event }>(update, {
      key: KEY,
      version: 2,
      patch: { status: "CANCELLED" },
    });
    expect(retried.data?.updateEvent).toEqual({
      version: 3,
      summary: "Alice's summary",
      status: "CANCELLED",
    });
  });

  it("refuses a delete based on a stale version", async () => {
    const { db } = createTestDb();
    const gql = await graphqlClient(db, {}, { role: "editor" });
    await gql(update, {
      key: "2025-11-19-japarov-meets-wang-yi",
      version: 1,
      patch: { firstOfKind: true },
    });
    const stale = await gql(
      `mutation { deleteStatement(key: "kg-one-china-principle-2025-11-19", version: 7) { key } }`,
    );
    expect(onlyError(stale).extensions).toMatchObject({
      code: "CONFLICT",
      argumentName: "version",
    });
  });

  it("shows every editable record's version, 1 until it changes", async () => {
    const { db } = createTestDb();
    const gql = await graphqlClient(db);
    const { data } = await gql<Record<string, unknown>>(`{
      relationship(between: ["CN", "KG"]) { version }
      event(key: "${KEY}") { version documents { version } statements { version } }
      people(first: 1) { nodes { version } }
      projects { version }
      topics { version }
      sources(first: 1) { nodes { version } }
      organizations { version }
      targets(first: 5) { nodes { version } }
    }`);
    expect(JSON.stringify(data)).toMatch(/"version":1/);
    expect(JSON.stringify(data)).not.toMatch(/"version":(?!1\b)/);
  });
});
