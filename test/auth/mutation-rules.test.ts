// Every mutation of the schema declares who may call it, and callers below that role are refused
// before anything runs. A mutation added without an `authScopes` rule fails the first test; one
// that lets a viewer (or nobody) through fails the second.
import {
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import type { Db } from "../../src/db/client.ts";
import { schema } from "../../src/graphql/schema.ts";
import { createTestDb } from "../support/db.ts";
import { graphqlClient, testKey } from "../support/graphql.ts";

const mutationFields = Object.values(schema.getMutationType()?.getFields() ?? {});

/** The roles a field's explicit rule names (not the Mutation type's default). */
function declaredRule(field: GraphQLField<unknown, unknown>): Record<string, unknown> | null {
  const options = field.extensions?.pothosOptions as { authScopes?: unknown } | undefined;
  const scopes = options?.authScopes;
  return scopes && typeof scopes === "object" ? (scopes as Record<string, unknown>) : null;
}

/** The weakest role the rule admits; without a rule, the Mutation type's minimum (editor). */
function requiredRole(field: GraphQLField<unknown, unknown>): Role {
  const scopes = declaredRule(field) ?? { editor: true };
  if (scopes.viewer) return "viewer";
  if (scopes.editor) return "editor";
  return "admin";
}

/** Roles each of our mutations must require; others (added elsewhere) need only a rule. */
const expected: Record<string, Role> = {
  importDataset: "admin",
  createApiKey: "admin",
  revokeApiKey: "admin",
  createCountry: "admin",
  updateCountry: "admin",
  createPartnershipLevel: "admin",
  updatePartnershipLevel: "admin",
};

/** A value of the type that passes argument validation, so the call reaches authorization. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isScalarType(type)) {
    const samples: Record<string, unknown> = {
      String: "x",
      ID: "x",
      Int: 1,
      Float: 1,
      Boolean: false,
      Date: "2025-01-01",
      PartialDate: "2025",
      DateTime: "2025-01-01T00:00:00.000Z",
      JSON: {},
    };
    return samples[type.name] ?? "x";
  }
  throw new Error(`no sample for ${String(type)}`);
}

function operationFor(field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const declarations = args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
  return {
    query: `mutation${declarations ? ` (${declarations})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
  };
}

/** Rows in every table: a refused call must leave all of them as they were. */
function snapshot(db: Db) {
  const tables = db.$client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables
      .filter((t) => t.name !== "api_keys") // last_used_at moves with every authenticated call
      .map((t) => [t.name, db.$client.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get()]),
  );
}

it("the schema has mutations to walk", () => {
  expect(mutationFields.length).toBeGreaterThan(25);
});

describe("every mutation declares who may call it", () => {
  it.each(mutationFields.map((f) => [f.name, f] as const))("%s", (_name, field) => {
    const rule = declaredRule(field);
    expect(rule, `${field.name} has no authScopes: say which role may call it`).not.toBeNull();
    expect(rule?.viewer, `${field.name} must not be open to viewers`).toBeFalsy();
    expect(requiredRole(field)).toBe(expected[field.name] ?? requiredRole(field));
  });
});

describe("every mutation refuses callers below its role, before doing anything", () => {
  let db: Db;
  let tokens: Record<Role, string>;
  beforeAll(async () => {
    db = createTestDb().db;
    tokens = {
      viewer: await testKey(db, "viewer"),
      editor: await testKey(db, "editor"),
      admin: await testKey(db, "admin"),
    };
  });

  it.each(mutationFields.map((f) => [f.name, f] as const))("%s", async (_name, field) => {
    const { query, variables } = operationFor(field);
    const required = requiredRole(field);
    const below: (Role | null)[] =
      required === "admin" ? [null, "viewer", "editor"] : [null, "viewer"];
    const before = snapshot(db);
    for (const role of below) {
      const gql = await graphqlClient(
        db,
        {},
        role === null ? { role: null } : { token: tokens[role] },
      );
      const response = await gql(query, variables);
      expect(response.status, JSON.stringify(response)).toBe(200);
      expect(
        response.errors?.[0]?.extensions,
        `${field.name} as ${role ?? "anonymous"}`,
      ).toMatchObject({
        code: role === null ? "UNAUTHENTICATED" : "FORBIDDEN",
        requiredRole: required,
      });
      expect(response.data?.[field.name] ?? null).toBeNull();
    }
    expect(snapshot(db)).toEqual(before);
  });
});
