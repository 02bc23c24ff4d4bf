// briefUpdated follows a brief whoever makes it: here a brief another connection to the database
// writes (as the worker or a CLI process would), which this server's brief service never sees.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/client.ts";
import { briefs } from "../../src/db/schema.ts";
import { encodeId } from "../../src/graphql/ids.ts";
import { createGraphQLHandler } from "../../src/graphql/yoga.ts";
import { insertBriefRow } from "../support/briefs.ts";
import { createTestDb } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";

describe("briefUpdated", () => {
  it("reports each state of a brief made by another process on the database", async () => {
    const { db, file } = createTestDb();
    const other = openDatabase(file);
    const token = await testKey(db, "viewer");
    const row = insertBriefRow(other, "queued");
    const yoga = createGraphQLHandler(db, loadConfig({}).limits);
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        query: `subscription ($id: ID!) { briefUpdated(id: $id) { status } }`,
        variables: { id: encodeId("Brief", row.id) },
      }),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    let seen = 0;
    const nextState = async () => {
      for (;;) {
        const states = [...text.matchAll(/"status":"(\w+)"/g)].map((m) => m[1]);
        if (states.length > seen) return states[seen++];
        const { value, done } = await reader.read();
        if (done) return undefined;
        text += decoder.decode(value, { stream: true });
      }
    };
    expect(await nextState()).toBe("QUEUED");
    other.update(briefs).set({ status: "rendering" }).where(eq(briefs.id, row.id)).run();
    expect(await nextState()).toBe("RENDERING");
    other.update(briefs).set({ status: "failed", error: "x" }).where(eq(briefs.id, row.id)).run();
    expect(await nextState()).toBe("FAILED");
    // The stream ends after a final state.
    expect(await nextState()).toBeUndefined();
    other.$client.close();
  }, 20_000);
});
