// A section's codec from its description: the fields of its records (fields.ts) and what is truly
// its own (a rule across fields, where a record belongs, what a write changes besides its rows).
// Reading, writing, comparing, merging and exporting are the same for every section.
import { getTableColumns, type Table } from "drizzle-orm";
import type { z } from "zod";
import { type EntityName, entityInfo } from "../domain/entities.ts";
import { type Codec, type ProblemSink, type Section, saveRow } from "./codec.ts";
import {
  canonicalOf,
  checkFields,
  columnsOf,
  type Field,
  type Owner,
  readRows,
  refsOf,
  rowsQuery,
  snake,
  type Values,
  valuesIn,
  valuesOf,
} from "./fields.ts";
import { type Store, tables } from "./store.ts";

/** Records of another table that refer to this one: table, column(s), and the noun for one and many. */
type Dependent = [table: string, columns: string, one: string, many: string];

type Description<R> = {
  fields: Field[];
  /** SQL order of an export (the table is `t`); by default the natural key. */
  order?: string;
  /** The natural key of a file's record; by default its field named like the key column. */
  keyOf?: (record: R) => string;
  /** Fields besides the natural key that no two records may share. */
  unique?: string[];
  /** Fields whose own rules are checked before the others' (the order problems are listed in). */
  checkFirst?: string[];
  /** Rules across fields, after each field's own. */
  check?: (record: R, store: Store, problem: ProblemSink) => void | Promise<void>;
  /** Where the record belongs (relationship, side, event…): a change is a move. */
  owner?: (values: Values) => string;
  /** After a write: what else depends on the record's values. */
  written?: (store: Store, values: Values) => void;
  /** What refers to a record and so keeps it from being deleted. */
  dependents: Dependent[];
  /** What else keeps it (records outside the dataset), each described: 'schedule "weekly"'. */
  heldBy?: (store: Store, id: number) => Promise<string[]>;
};

/** The codec of an entity's section, whose file records `schema` checks. */
export function describe<R>(name: EntityName, recordSchema: z.ZodType<R>, spec: Description<R>) {
  const entity = entityInfo(name);
  const { fields } = spec;
  // Whether rows carry a version (edits name it) and an updated_at, as the table says.
  const tableColumns = getTableColumns(tables.get(entity.table) as Table);
  const columns = columnsOf(fields);
  const reader = rowsQuery(
    fields,
    `${entity.table} t`,
    "NULL",
    "t.id",
    spec.order ?? `t.${entity.keyColumn}`,
  );
  const first = spec.checkFirst ?? [];
  const checked = [
    ...fields.filter((f) => first.includes(f.name)),
    ...fields.filter((f) => !first.includes(f.name)),
  ];
  // Child rows (citations, join tables, parts) name the record by this column: `event_id`.
  const owner: Owner = { idColumn: `${snake(entity.name)}_id` };
  const codec: Codec<Section, Values> = {
    entity,
    section: entity.section as Section,
    target: entity.name,
    versioned: "version" in tableColumns,
    timestamps: "updatedAt" in tableColumns,
    schema: recordSchema as unknown as Codec["schema"],
    keyOf: (spec.keyOf ?? ((record) => (record as Values)[entity.keyColumn])) as Codec["keyOf"],
    unique: spec.unique ?? [],
    refs: (record) => refsOf(fields, record as Values, []),
    async check(record, store, problem) {
      checkFields(checked, record as Values, [], problem);
      await spec.check?.(record as R, store, problem);
    },
    values: (record, store, existing, complete) =>
      valuesOf(fields, record as Values, store, existing, complete),
    out: (values) => canonicalOf(fields, values),
    owner: spec.owner,
    read: (store, which) => readRows(store, fields, owner, reader, which),
    async write(store, values, existingId) {
      const row = await valuesIn(fields, values, store, []);
      const id = await saveRow(store, codec, existingId, columns, row);
      for (const field of fields) {
        await field.children?.(store, id, values[field.name], existingId !== null, owner);
      }
      spec.written?.(store, values);
      return id;
    },
    dependents: async (store, id) =>
      dependents(store, id, spec.dependents, (await spec.heldBy?.(store, id)) ?? []),
  };
  return codec as unknown as Codec;
}

/** ["3 events and 2 statements"]: what refers to a record; nothing when every count is zero. */
async function dependents(
  store: Store,
  id: number,
  list: readonly Dependent[],
  others: readonly string[],
) {
  const parts: string[] = [];
  for (const [table, columns, one, many] of list) {
    const names = columns.split(",").map((c) => c.trim());
    const sql = `SELECT count(*) AS n FROM ${table} WHERE ${names.map((c) => `${c} = ?`).join(" OR ")}`;
    const n = (await store.get<{ n: number }>(sql, ...names.map(() => id)))?.n ?? 0;
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  }
  parts.push(...others);
  if (parts.length < 2) return parts;
  return [`${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`];
}
