// What a GraphQL client may rely on, whatever it sends: nodes that are gone are null, limits and
// bad arguments are coded refusals naming what to change, and text is refused unless it is text.
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../../src/graphql/schema.ts";
import { graphiqlDefaultQuery } from "../../src/graphql/yoga.ts";
import { createTestDb } from "../support/db.ts";
import { graphqlClient, onlyError } from "../support/graphql.ts";

const { db } = createTestDb();
const gql = await graphqlClient(db, { ATTACHE_MAX_ALIASES: "3", ATTACHE_MAX_DEPTH: "6" });
const editor = await graphqlClient(db, {}, { role: "editor" });
const id = (text: string) => Buffer.from(text).toString("base64url");

describe("node and nodes", () => {
  it("answer null, with no error, for a missing record, an unknown type or an ID that does not decode", async () => {
    for (const missing of [id("Event:999999"), id("Nope:1"), id("PageInfo:1"), "zzz", ""]) {
      expect(await gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: missing })).toEqual({
        status: 200,
        data: { node: null },
      });
    }
  });

  it("keep the records that exist when others in the list do not", async () => {
    const ids = [id("Event:1"), id("Event:999999"), "zzz", id("Country:1")];
    expect(await gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids })).toEqual({
      status: 200,
      data: { nodes: [{ id: id("Event:1") }, null, null, { id: id("Country:1") }] },
    });
  });
});

describe("query limits", () => {
  const aliases = `{ a: countries { code } b: countries { code } c: countries { code } d: countries { code } }`;

  it("refuse with QUERY_TOO_COMPLEX, the limit and the setting that raises it", async () => {
    const response = await gql(aliases);
    expect(response.status).toBe(200);
    expect(onlyError(response)).toEqual({
      message: "The query has 4 aliases; at most 3 are allowed (ATTACHE_MAX_ALIASES)",
      extensions: { code: "QUERY_TOO_COMPLEX", limit: "aliases", maximum: 3 },
    });
    const deep = await gql(
      `{ events(first: 1) { nodes { relationship { events(first: 1) { nodes { relationship { key } } } } } } }`,
    );
    expect(onlyError(deep).extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "depth" });
    expect(onlyError(deep).message).not.toMatch(/Syntax Error/);
  });

  it("answer 400 to a client that accepts application/graphql-response+json", async () => {
    const response = await gql(aliases, undefined, {
      accept: "application/graphql-response+json",
    });
    expect(response.status).toBe(400);
    expect(onlyError(response).extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("word a refusal by tokens truthfully, also when the parser's cache answers", async () => {
    const tight = await graphqlClient(db, { ATTACHE_MAX_TOKENS: "50" });
    const many = `{ countries { ${Array.from({ length: 60 }, () => "code").join(" ")} } }`;
    for (let i = 0; i < 2; i++) {
      expect(onlyError(await tight(many))).toMatchObject({
        message: "The query has more than 50 tokens (ATTACHE_MAX_TOKENS)",
        extensions: { code: "QUERY_TOO_COMPLEX", limit: "tokens" },
      });
    }
  });
});

describe("paging arguments", () => {
  it.each([
    ["events(first: -1)", "first"],
    ["events(last: -1)", "last"],
    ["events(first: 1, last: 1)", "last"],
  ])("%s is BAD_USER_INPUT on %s", async (field, argumentName) => {
    const error = onlyError(await gql(`{ ${field} { nodes { id } } }`));
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", argumentName });
  });

  it("a nested connection's bad arguments too", async () => {
    const error = onlyError(
      await gql(
        `{ relationship(between: ["CN", "KG"]) { events(first: 1, last: 1) { nodes { id } } } }`,
      ),
    );
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", argumentName: "last" });
  });

  it("a cursor from another list, or none at all, is BAD_USER_INPUT on after or before", async () => {
    const events = await gql<{ events: { pageInfo: { endCursor: string } } }>(
      `{ events(first: 2) { pageInfo { endCursor } } }`,
    );
    const cursor = events.data?.events.pageInfo.endCursor;
    for (const [argument, value] of [
      ["after", cursor],
      ["before", cursor],
      ["after", "not-a-cursor"],
    ]) {
      const error = onlyError(
        await gql(`query ($c: String) { briefs(first: 1, ${argument}: $c) { nodes { id } } }`, {
          c: value,
        }),
      );
      expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", argumentName: argument });
    }
  });

  it("a cursor from a list ordered like this one is still another list's", async () => {
    const page = `query ($c: String) {
      events(first: 1, after: $c) { pageInfo { endCursor } edges { cursor } nodes { key } }
      people(first: 1) { pageInfo { endCursor } }
      relationship(between: ["CN", "KG"]) { events(first: 1) { pageInfo { endCursor } } }
    }`;
    const first = await gql<{
      events: { pageInfo: { endCursor: string }; edges: { cursor: string }[] };
      people: { pageInfo: { endCursor: string } };
      relationship: { events: { pageInfo: { endCursor: string } } };
    }>(page);
    const own = first.data?.events.pageInfo.endCursor as string;
    expect(first.data?.events.edges[0]?.cursor).toBe(own);
    // Its own cursor pages on.
    const second = await gql<{ events: { nodes: { key: string }[] } }>(page, { c: own });
    expect(second.errors).toBeUndefined();
    expect(second.data?.events.nodes).toHaveLength(1);
    // People are ordered by name and key as events are by date and key: refused all the same,
    // as is the same list's cursor under another parent, in the query or in variables.
    const foreign = [
      first.data?.people.pageInfo.endCursor,
      first.data?.relationship.events.pageInfo.endCursor,
    ];
    for (const cursor of foreign) {
      const error = onlyError(
        await gql(`query ($c: String) { events(first: 1, after: $c) { nodes { key } } }`, {
          c: cursor,
        }),
      );
      expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", argumentName: "after" });
      const literal = onlyError(
        await gql(`{ events(first: 1, before: "${cursor}") { nodes { key } } }`),
      );
      expect(literal.extensions).toEqual({ code: "BAD_USER_INPUT", argumentName: "before" });
    }
    const nested = onlyError(
      await gql(
        `query ($c: String) { relationship(between: ["CN", "KG"]) { events(first: 1, after: $c) { nodes { key } } } }`,
        { c: own },
      ),
    );
    expect(nested.extensions).toEqual({ code: "BAD_USER_INPUT", argumentName: "after" });
  });
});

describe("text", () => {
  it.each([
    ["a NUL", "中\u0000吉"],
    ["a lone high surrogate", "中\uD800"],
    ["a lone low surrogate", "\uDC00吉"],
  ])(
    "with %s is refused as BAD_USER_INPUT naming the argument, before anything runs",
    async (_what, text) => {
      const search = onlyError(
        await gql(`query ($q: String!) { search(query: $q) { kind } }`, { q: text }),
      );
      expect(search.extensions).toEqual({ code: "BAD_USER_INPUT", argumentName: "q" });
      const create = await editor(
        `mutation ($input: TopicInput!) { createTopic(input: $input) { key } }`,
        { input: { key: "bad-text", kind: "issue", name: { en: text, zh: "文" } } },
      );
      expect(onlyError(create).extensions).toEqual({
        code: "BAD_USER_INPUT",
        argumentName: "input.name.en",
      });
      expect(
        db.$client.prepare("SELECT 1 FROM topics WHERE key = 'bad-text'").get(),
      ).toBeUndefined();
    },
  );

  it("written as an escape in the query is refused too", async () => {
    const error = onlyError(await gql(`{ search(query: "a\\u0000b") { kind } }`));
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", argumentName: "query" });
  });
});

describe("GraphiQL's default query", () => {
  it.each([true, false])("is valid against the schema (public read %s)", (publicRead) => {
    expect(validate(schema, parse(graphiqlDefaultQuery(publicRead)))).toEqual([]);
  });
});
