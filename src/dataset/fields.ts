// The kinds of field a section is described with, each saying once how it is read from its row,
// written to its columns or child rows, checked, referred through and shown in canonical form.
// A section (sections/*.ts) lists its fields; describe.ts turns the list into its codec.
import { entityInfo } from "../domain/entities.ts";
import { rangeEnd, rangeStart } from "../domain/partial-date.ts";
import { relationshipKey } from "../domain/relationship-key.ts";
import {
  type Canonical,
  type Cit,
  citationsQuery,
  citeOut,
  citeRefs,
  citesOf,
  compact,
  groupBy,
  keyListQuery,
  mergeCites,
  mergeParts,
  nonEmpty,
  optionalRef,
  type Path,
  type ProblemSink,
  pairOf,
  type Query,
  query,
  type Ref,
  readCitations,
  readKeyList,
  relationshipOfEvent,
  runQuery,
  type SubjectColumn,
  str,
  type Text,
  unique,
  type Which,
  writeCitations,
  writeKeyList,
} from "./codec.ts";
import type { Row, Store, Target } from "./store.ts";

/** A record's resolved values, by field name. */
export type Values = Record<string, unknown>;

type FieldContext = {
  store: Store;
  /** The record (or part) of the file the field belongs to. */
  record: Values;
  /** The stored record's values, when it exists. */
  existing: Values | null;
  /** An edit: the record says everything (see Codec.values). */
  complete: boolean;
};

/**
 * Where a field's child rows hang: `idColumn` is how they name their record (`event_id`: also
 * the citations' subject column); `within` is set for the parts of a record, read through it.
 */
export type Owner = { idColumn: string; within?: { table: string; parent: string } };

export interface Field {
  name: string;
  /** The value the record stands for; by default the file's, null when absent. */
  value?(given: unknown, context: FieldContext): unknown | Promise<unknown>;
  /** The canonical form (null or undefined: left out); by default the value. */
  out?(value: unknown, values: Values): unknown;
  refs?(given: unknown, at: Path): Ref[];
  check?(given: unknown, at: Path, problem: ProblemSink): void;
  /** SQL joined to the record's row (aliased `t`), and what it selects from them. */
  join?: string;
  select?: string;
  /** The value from the record's row… */
  read?(row: Row): unknown;
  /** …or from rows of their own, read for all records or those asked for, by record id. */
  load?(store: Store, which: Which, owner: Owner): Promise<Map<number, unknown>>;
  /**
   * The columns of the record's row the field is written to, and their values, in that order;
   * `put` appends the values (its result is awaited: a reference looks up an id).
   */
  columns?: readonly string[];
  put?(into: unknown[], value: unknown, store: Store, values: Values): unknown;
  /** Writes the field's child rows; `replace`: the record existed, drop the old ones first. */
  children?(
    store: Store,
    id: number,
    value: unknown,
    replace: boolean,
    owner: Owner,
  ): Promise<void>;
}

export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const nn = (given: unknown) => given ?? null;

/** A column as it is, under the field's name in snake case unless `column` says. */
export function plain(name: string, options: { column?: string; omit?: unknown } = {}): Field {
  const column = options.column ?? snake(name);
  return {
    name,
    out: (value) => (value === options.omit ? null : value),
    read: (row) => row[column] ?? null,
    columns: [column],
    put: (into, value) => into.push(value),
  };
}

/** A yes/no column that a file writes only when yes. */
export function flag(name: string): Field {
  const column = snake(name);
  return {
    name,
    out: (value) => (value ? true : null),
    read: (row) => Boolean(row[column]),
    columns: [column],
    put: (into, value) => into.push(value),
  };
}

/** A list of values kept as JSON in one column (aliases, search terms). */
export function list(name: string): Field {
  return {
    name,
    value: (given) => [...(given as string[])],
    out: (value) => nonEmpty(value as string[]),
    read: (row) => (typeof row[name] === "string" ? JSON.parse(row[name] as string) : []),
    columns: [name],
    put: (into, value) => into.push(JSON.stringify(value)),
  };
}

/**
 * A text in one or both languages, in two columns (`title_en`, `title_zh`). `kept`: an import
 * that leaves it out keeps the stored one (a summary written once, not restated by every file).
 */
export function text(name: string, options: { kept?: boolean } = {}): Field {
  const en = `${snake(name)}_en`;
  const zh = `${snake(name)}_zh`;
  return {
    name,
    value: (given, { existing, complete }) => {
      const t = given as Text | undefined;
      if (t?.en || t?.zh) return compact(t);
      return options.kept && !complete ? nn(existing?.[name]) : null;
    },
    read: (row) => {
      const text = { en: str(row[en]), zh: str(row[zh]) };
      return text.en === null && text.zh === null ? null : compact(text);
    },
    columns: [en, zh],
    put: (into, value) =>
      into.push((value as Text | null)?.en ?? null, (value as Text | null)?.zh ?? null),
  };
}

/**
 * A partial date, stored with the first and last day it covers (filters and sorting use those).
 * `until`: the field of a last day that ends the range instead (a multi-day event's end date).
 */
export function partialDate(name: string, options: { until?: string } = {}): Field {
  return {
    name,
    read: (row) => row[name] ?? null,
    columns: [name, `${name}_from`, `${name}_to`],
    put: (into, value, _store, values) => {
      const date = value as string | null;
      const until = options.until ? (values[options.until] as string | null) : null;
      into.push(
        date,
        date === null ? null : rangeStart(date),
        until ?? (date === null ? null : rangeEnd(date)),
      );
    },
  };
}

/**
 * A reference by natural key to a record of `target`, stored as its id (`host` → `host_id`
 * unless `column` says). `absent`: the file's word for no reference (a statement's "joint").
 */
export function ref(
  name: string,
  target: Target,
  options: { column?: string; absent?: string } = {},
): Field {
  const column = options.column ?? `${snake(name)}_id`;
  const { table, keyColumn } = entityInfo(target);
  const alias = `ref_${name}`;
  const absent = options.absent ?? null;
  return {
    name,
    refs: (given, at) =>
      given === absent ? [] : optionalRef([...at, name], target, given as string | undefined),
    join: `LEFT JOIN ${table} ${alias} ON ${alias}.id = t.${column}`,
    select: `${alias}.${keyColumn} AS ${alias}`,
    read: (row) => row[alias] ?? absent,
    columns: [column],
    put: async (into, value, store) => {
      into.push(value === absent ? null : await store.optional(target, value as string | null));
    },
  };
}

/**
 * The relationship a record belongs to, named by its two countries. `orEvent`: a record that
 * names its event instead belongs to the event's relationship.
 */
export function relationship(options: { orEvent?: boolean } = {}): Field {
  return {
    ...ref("between", "relationship", { column: "relationship_id" }),
    value: async (given, { store, record }) => {
      if (given) return pairOf(relationshipKey(given as [string, string]));
      if (options.orEvent) {
        return pairOf((await relationshipOfEvent(store, record.event as string)) ?? "");
      }
      return null;
    },
    refs: (given, at) =>
      optionalRef(
        [...at, "between"],
        "relationship",
        given ? relationshipKey(given as [string, string]) : null,
      ),
    read: (row) => (row.ref_between ? pairOf(row.ref_between as string) : null),
    put: async (into, value, store) => {
      into.push(value ? await store.require("relationship", (value as string[]).join("-")) : null);
    },
  };
}

/**
 * A list of keys of `target` kept in a join table (`statement_topics`), sorted unless `ordered`
 * (then the file's order, kept in a `position` column).
 */
export function keys(
  name: string,
  target: Target,
  options: { table: string; ordered?: boolean },
): Field {
  const info = entityInfo(target);
  const child = `${snake(target)}_id`;
  const ordered = options.ordered ?? false;
  // Made on the first read: a field belongs to one section, so it is always read for one owner.
  let q: Query | undefined;
  return {
    name,
    value: (given) => (ordered ? [...(given as string[])] : [...(given as string[])].sort()),
    out: (value) => nonEmpty(value as string[]),
    refs: (given, at) =>
      (given as string[]).map((key, j) => ({ path: [...at, name, j], target, key })),
    check: (given, at, problem) =>
      unique(
        given as string[],
        (k) => k,
        (j) => [...at, name, j],
        info.noun,
        problem,
      ),
    load: (store, which, owner) => {
      q ??= keyListQuery(
        {
          table: options.table,
          parent: owner.idColumn,
          child,
          childTable: info.table,
          keyColumn: info.keyColumn,
        },
        ordered,
      );
      return readKeyList(store, q, which);
    },
    children: (store, id, value, replace, owner) =>
      writeKeyList(
        store,
        { table: options.table, parent: owner.idColumn, child, target },
        id,
        value as string[],
        replace,
        ordered,
      ),
  };
}

/** The sources a record (or part) cites; an import adds to those of other sources. */
export function cites(): Field {
  let q: Query | undefined; // as in keys()
  return {
    name: "sources",
    value: (given, { existing, complete }) =>
      mergeCites(
        existing?.sources as Cit[] | undefined,
        citesOf(given as { source: string; locator?: string }[]),
        complete,
      ),
    out: (value) => (value as Cit[]).map(citeOut),
    refs: (given, at) => citeRefs(given as { source: string }[], at),
    load: (store, which, owner) => {
      q ??= citationsQuery(owner.idColumn as SubjectColumn, owner.within);
      return readCitations(store, q, which);
    },
    children: async (store, id, value, replace, owner) => {
      // A part's citations go with the part (ON DELETE CASCADE).
      if (replace && !owner.within) {
        await store.run(`DELETE FROM citations WHERE ${owner.idColumn} = ?`, id);
      }
      await writeCitations(store, owner.idColumn as SubjectColumn, id, value as Cit[]);
    },
  };
}

type PartsOptions = {
  table: string;
  fields: Field[];
  /** SQL order of a record's parts, after the parent (the table is `t`). */
  order: string;
  /** What makes two parts the same part: listed once in a record. */
  identity: (part: Values) => string;
  /** Where the identity is in a part (for errors), and what people call a part. */
  identityAt?: string;
  noun: string;
  /** Merged with the stored parts by identity on import (Codec.values). */
  merge?: boolean;
  sort?: (a: Values, b: Values) => number;
  /** The file's order is kept, in a `position` column. */
  positioned?: boolean;
  /** How the part's own citations name it (its id column), if it has any. */
  idColumn?: string;
  /** A shorter canonical form of a part (a document party without organisation: its country). */
  short?: (part: Canonical) => unknown;
};

/** A record's own parts, rows of a child table (offices, partnership steps, participants). */
export function parts(name: string, options: PartsOptions): Field {
  const { fields } = options;
  const partValues = (given: Values, store: Store, complete: boolean) =>
    valuesOf(fields, given, store, null, complete);
  const names = [...columnsOf(fields), ...(options.positioned ? ["position"] : [])];
  let q: Query | undefined; // as in keys()
  return {
    name,
    value: async (given, { store, existing, complete }) => {
      let list: Values[] = [];
      for (const part of given as Values[]) list.push(await partValues(part, store, complete));
      if (options.merge) {
        list = mergeParts(
          existing?.[name] as (Values & { sources: Cit[] })[] | undefined,
          list as (Values & { sources: Cit[] })[],
          options.identity,
          complete,
        );
      }
      return options.sort ? list.sort(options.sort) : list;
    },
    out: (value) =>
      nonEmpty(
        (value as Values[]).map((part) => {
          const canonical = canonicalOf(fields, part);
          return options.short?.(canonical) ?? canonical;
        }),
      ),
    refs: (given, at) => {
      const refs: Ref[] = [];
      (given as Values[]).forEach((part, j) => {
        for (const ref of refsOf(fields, part, [...at, name, j])) refs.push(ref);
      });
      return refs;
    },
    check: (given, at, problem) =>
      unique(
        given as Values[],
        options.identity,
        (j) => [...at, name, j, ...(options.identityAt ? [options.identityAt] : [])],
        options.noun,
        problem,
      ),
    load: async (store, which, owner) => {
      const parent = owner.idColumn;
      const own: Owner = {
        idColumn: options.idColumn ?? "",
        within: { table: options.table, parent },
      };
      q ??= rowsQuery(
        fields,
        `${options.table} t`,
        `t.${parent}`,
        `t.${parent}`,
        `t.${parent}, ${options.order}`,
      );
      return groupBy(await readRows(store, fields, own, q, which), (row) => row.values);
    },
    children: async (store, id, value, replace, owner) => {
      if (replace) await store.run(`DELETE FROM ${options.table} WHERE ${owner.idColumn} = ?`, id);
      const own: Owner = { idColumn: options.idColumn ?? "" };
      for (const [position, part] of (value as Values[]).entries()) {
        const row = await valuesIn(fields, part, store, [id]);
        if (options.positioned) row.push(position);
        const partId = store.insertRow(
          options.table,
          [owner.idColumn, ...names],
          row,
          options.idColumn !== undefined,
        );
        for (const field of fields) {
          await field.children?.(store, partId, part[field.name], false, own);
        }
      }
    },
  };
}

// ---- a list of fields, as a whole ----------------------------------------------------------

export async function valuesOf(
  fields: readonly Field[],
  record: Values,
  store: Store,
  existing: Values | null,
  complete: boolean,
): Promise<Values> {
  const values: Values = {};
  const context = { store, record, existing, complete };
  for (const field of fields) {
    const given = record[field.name];
    values[field.name] = field.value ? await field.value(given, context) : nn(given);
  }
  return values;
}

export function canonicalOf(fields: readonly Field[], values: Values): Canonical {
  // Members left out (null, undefined) are never set: the canonical form has no empty members.
  const canonical: Canonical = {};
  for (const field of fields) {
    const value = field.out ? field.out(values[field.name], values) : values[field.name];
    if (value !== null && value !== undefined) canonical[field.name] = value;
  }
  return canonical;
}

export function refsOf(fields: readonly Field[], record: Values, at: Path): Ref[] {
  // A loop, not flatMap: this runs for every record of an import, and flatMap costs several
  // times as much here.
  const refs: Ref[] = [];
  for (const field of fields) {
    const own = field.refs?.(record[field.name], at);
    if (own) for (const ref of own) refs.push(ref);
  }
  return refs;
}

export function checkFields(
  fields: readonly Field[],
  record: Values,
  at: Path,
  problem: ProblemSink,
) {
  for (const field of fields) field.check?.(record[field.name], at, problem);
}

/** The columns the fields are written to, in the order `valuesIn` gives their values. */
export const columnsOf = (fields: readonly Field[]): string[] =>
  fields.flatMap((field) => field.columns ?? []);

/** The fields' column values, appended to `row`. */
export async function valuesIn(
  fields: readonly Field[],
  values: Values,
  store: Store,
  row: unknown[],
): Promise<unknown[]> {
  for (const field of fields) await field.put?.(row, values[field.name], store, values);
  return row;
}

/** A row read: its id, its parent's (for parts) and the fields' values. */
type ReadRow = { id: number; parent: number; values: Values };

/**
 * The query of rows of `from` (aliased `t`) with the fields' joins, all or those whose `filter`
 * column is a record's id, in `order`; `parent` selects the column naming the row's record.
 */
export function rowsQuery(
  fields: readonly Field[],
  from: string,
  parent: string,
  filter: string,
  order: string,
): Query {
  const selects = ["t.*", `${parent} AS parent`, ...fields.map((f) => f.select)]
    .filter(Boolean)
    .join(", ");
  const joins = fields
    .map((f) => f.join)
    .filter(Boolean)
    .join(" ");
  return query(`SELECT ${selects} FROM ${from} ${joins}`, (match) => `${filter} ${match}`, order);
}

/** The rows of a `rowsQuery`, all or the records' asked for, with the fields' values. */
export async function readRows(
  store: Store,
  fields: readonly Field[],
  owner: Owner,
  q: Query,
  which: Which,
): Promise<ReadRow[]> {
  const loaded: (Map<number, unknown> | undefined)[] = [];
  for (const field of fields) loaded.push(await field.load?.(store, which, owner));
  return (await runQuery(store, q, which)).map((row) => {
    const values: Values = {};
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as Field;
      const children = loaded[i];
      values[field.name] = children
        ? (children.get(row.id as number) ?? [])
        : (field.read?.(row) ?? null);
    }
    return { id: row.id as number, parent: row.parent as number, values };
  });
}
