// The entity registry is the one list of entities: every layer has what it promises for each.
import { getNamedType, isEnumType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { auditEntityTypes } from "../../src/audit/log.ts";
import { codecOf } from "../../src/dataset/sections/index.ts";
import { relations } from "../../src/db/relations.ts";
import { type EntityInfo, entities } from "../../src/domain/entities.ts";
import { tableOf } from "../../src/graphql/mutations.ts";
import { schema } from "../../src/graphql/schema.ts";
import { searchKinds } from "../../src/search/search.ts";

/** The GraphQL half: the type, its key field, its table, and (for curated records) its mutations. */
function expectGraphqlLayer(entity: EntityInfo) {
  const type = schema.getType(entity.graphqlType);
  expect(type && isObjectType(type), `${entity.graphqlType} is an object type`).toBe(true);
  if (!isObjectType(type)) return;
  expect(Object.keys(type.getFields())).toContain(entity.keyColumn);
  expect(Object.keys(relations)).toContain(tableOf(entity.name));
  const mutations = schema.getMutationType()?.getFields() ?? {};
  if (entity.name !== "eventType") {
    expect(Object.keys(mutations)).toContain(`create${entity.graphqlType}`);
    expect(Object.keys(mutations)).toContain(`update${entity.graphqlType}`);
    expect(Object.keys(type.getFields())).toContain("version");
  }
  const kinds = getNamedType(schema.getType("SearchKind") ?? undefined);
  if (entity.searchKind && isEnumType(kinds)) {
    expect(kinds.getValues().map((v) => v.value)).toContain(entity.searchKind);
  }
}

/** The data half: the dataset codec of its section, its audit type and its search kind. */
function expectCodecAuditAndSearchLayers(entity: EntityInfo) {
  expect(codecOf(entity.section as never).entity, `codec of ${entity.section}`).toBe(entity);
  expect(auditEntityTypes as readonly string[]).toContain(entity.auditType);
  if (entity.searchKind) expect(searchKinds as readonly string[]).toContain(entity.searchKind);
}

describe.each(entities.map((e) => [e.name, e] as const))("%s", (_name, entity) => {
  it("has its GraphQL type, key field, table and mutations", () => {
    expectGraphqlLayer(entity);
  });

  it("has its dataset codec, audit type and search kind", () => {
    expectCodecAuditAndSearchLayers(entity);
  });
});

it("names each GraphQL type once", () => {
  const names = entities.map((e) => e.graphqlType);
  expect(new Set(names).size).toBe(names.length);
});
