// The entity registry is the one list of entities: every layer has what it promises for each.
import { getNamedType, isEnumType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { auditEntityTypes } from "../../src/audit/log.ts";
import { codecOf } from "../../src/dataset/sections/index.ts";
import { relations } from "../../src/db/relations.ts";
import { type EntityInfo, entities } from "../../src/domain/entities.ts";
import { tableOf } from "../../src/graphql/mutations.ts";
import { schema } from "../../src/graphql/schema.ts";
import { createTestDb } from "../support/db.ts";

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

const { db } = createTestDb({ seed: false });
/** Every trigger of the migrated database, by the table it fires on. */
const triggers = db.$client
  .prepare("SELECT tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger'")
  .all() as { tableName: string; sql: string }[];

/** The data half: the dataset codec of its section, its audit type, and the triggers that keep
 *  its search kind in the index on insert, update and delete. */
function expectCodecAuditAndSearchLayers(entity: EntityInfo) {
  expect(codecOf(entity.section as never).entity, `codec of ${entity.section}`).toBe(entity);
  expect(auditEntityTypes as readonly string[]).toContain(entity.auditType);
  const indexing = triggers.filter(
    (t) => t.tableName === entity.table && /search_index/.test(t.sql),
  );
  expect(indexing.map((t) => /AFTER (\w+)/.exec(t.sql)?.[1]).sort()).toEqual(
    entity.searchKind ? ["DELETE", "INSERT", "UPDATE"] : [],
  );
  if (entity.searchKind) {
    expect(indexing.some((t) => t.sql.includes(`'${entity.searchKind}'`))).toBe(true);
  }
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
