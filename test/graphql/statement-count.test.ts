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
      relationship { key partnership { level { label } } countries { code } }
      participants { role side { code } person { name offices { title organization { name } } } }
      topics { name }
      documents { title kind action date parties { code } citations { source { title } } }
      statements { text textI18n { languages } quote { zh } topics { name } side { code } speaker { name } citations { source { title } } }
      projectMentions { note date project { name status { status } countries { code } } }
      citations { locator source { title publication page } }
    }
  }
}`;

async function statementsFor(extraEvents: number) {
  const { db, log } = createTestDb();
  await addExtraEvents(db, extraEvents);
  // Counted as every list full (20 of each), this page could answer ~378,000 values, over the
  // default ATTACHE_MAX_VALUES; what is measured here is SQL statements, not that limit.
  const gql = await graphqlClient(db, { ATTACHE_MAX_VALUES: "400000" });
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

describe("lean reads", () => {
  it("selects the short columns of a type and only the long texts the requested fields read", async () => {
    const { db, log } = createTestDb();
    const gql = await graphqlClient(db);
    log.clear();
    const { errors } = await gql(`{ events(first: 5) { nodes { key title(locale: ZH) } } }`);
    expect(errors).toBeUndefined();
    const page = log.statements.find((s) => /from "events"/i.test(s) && /limit/i.test(s)) ?? "";
    expect(page).toMatch(/"title_zh"/);
    for (const unread of ["summary_en", "summary_zh", "place_en", "created_at", "first_of_kind"]) {
      expect(page, page).not.toContain(`"${unread}"`);
    }
  });
});
