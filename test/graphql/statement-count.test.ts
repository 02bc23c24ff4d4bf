// Each root field costs a bounded number of SQL statements, whatever the size of the result.
import { describe, expect, it } from "vitest";
import { createTestDb } from "../support/db.ts";
import { addExtraEvents } from "../support/extra-events.ts";
import { graphqlClient } from "../support/graphql.ts";

const deepQuery = `{
  events(first: 50, filter: { relationship: "CN-KG" }) {
    totalCount
    nodes {
      title date type { label cameo } hostCountry { name }
      relationship { key partnership { label } countries { code } }
      participants { role side { code } person { name offices { title organization { name } } } }
      topics { name }
      documents { title parties { code } citations { source { title } } }
      positions { text quote { zh } topic { name } speaker { name } citations { source { title } } }
      projectMentions { note project { name countries { code } } }
      citations { locator source { title publication page } }
    }
  }
}`;

async function statementsFor(extraEvents: number) {
  const { db, log } = createTestDb();
  addExtraEvents(db, extraEvents);
  const gql = graphqlClient(db);
  log.clear();
  const { data, errors } = await gql<{ events: { nodes: unknown[] } }>(deepQuery);
  expect(errors).toBeUndefined();
  return { statements: [...log.statements], nodes: data?.events.nodes.length ?? 0 };
}

describe("statement count of a deep events query", () => {
  it("does not grow with the number of events returned", async () => {
    const small = await statementsFor(0);
    const large = await statementsFor(40);
    expect(small.nodes).toBe(3);
    expect(large.nodes).toBe(43);
    expect(large.statements.length).toBe(small.statements.length);
    // Lookups of the filter, the count, and one planned query for the page and all it nests.
    expect(
      large.statements.length,
      large.statements.map((s) => s.slice(0, 60)).join("\n"),
    ).toBeLessThanOrEqual(4);
  });
});
