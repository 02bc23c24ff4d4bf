// Editing one record (the GraphQL mutations): create, change and delete by natural key, each in
// one write transaction, validated like an import record, versioned and audited. An update names
// the version it read; if the record has moved on since, it is refused rather than overwritten.
import type { z } from "zod";
import { auditColumns } from "../audit/log.ts";
import type { Db } from "../db/client.ts";
import { inTransaction } from "../db/transaction.ts";
import { Refusal, type RefusalProblem } from "../domain/refusal.ts";
import type { Canonical, Codec, Path, Section } from "./codec.ts";
import {
  type EventRecord,
  leftBehind,
  linkOfRecord,
  parentProblem,
  storedLinks,
} from "./event-parents.ts";
import { formatPath, readable, valueAt } from "./load.ts";
import { codecOf } from "./sections/index.ts";
import { nounOf, Store } from "./store.ts";
import { keyPath, unknownReference, upsert } from "./write.ts";

export type EditProblem = RefusalProblem;

/** A refused edit: what a client should read, with the argument at fault. */
export class EditError extends Refusal {}

export type EditOptions = {
  /** Who the audit log names. */
  actor: string;
  /** Argument holding the record's fields ("input", "patch"), for error messages. */
  arg: string;
  /** Argument that names the record ("key", "between"). */
  keyArg?: string;
  /** Names the argument for a path in the record; by default `${arg}.${path}`. */
  argumentFor?: (path: Path) => string;
};

export type EditResult = { id: number; changed: boolean };

const argumentName = (options: EditOptions, path: Path) =>
  options.argumentFor?.(path) ??
  (path.length === 0 ? options.arg : `${options.arg}.${formatPath(path)}`);

/** Null members dropped, at every depth: GraphQL's "no value" is the file format's absence. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      if (member !== null && member !== undefined) result[name] = withoutNulls(member);
    }
    return result;
  }
  return value;
}

/** A patch applied to a record: absent keeps, null clears, a value (a list: whole) replaces. */
function applyPatch(current: Canonical, patch: Record<string, unknown>): Canonical {
  const next: Canonical = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[name];
    else next[name] = withoutNulls(value);
  }
  return next;
}

function parse(codec: Codec, value: unknown, options: EditOptions): unknown {
  const parsed = (codec.schema as z.ZodType).safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    argumentName: argumentName(options, issue.path),
    message: valueAt(value, issue.path) === undefined ? "is required" : readable(issue.message),
  }));
  throw invalid(problems);
}

function invalid(problems: EditProblem[]): EditError {
  const [first] = problems as [EditProblem];
  return new EditError(
    `${first.argumentName}: ${first.message}`,
    "BAD_USER_INPUT",
    first.argumentName,
    problems,
  );
}

/** References to missing records, and the record's own rules; all reported at once. */
async function validate(store: Store, codec: Codec, record: unknown, options: EditOptions) {
  const problems: EditProblem[] = [];
  for (const ref of codec.refs(record as never)) {
    if ((await store.id(ref.target, ref.key)) !== undefined) continue;
    problems.push({
      argumentName: argumentName(options, ref.path),
      message: await unknownReference(store, ref.target, ref.key, "api"),
    });
  }
  await codec.check(record as never, store, (path, message) =>
    problems.push({ argumentName: argumentName(options, path), message }),
  );
  if (codec.section === "events") {
    const event = record as EventRecord;
    const problem = await parentProblem(event.key, linkOfRecord(event), storedLinks(store));
    if (problem)
      problems.push({ argumentName: argumentName(options, ["parent"]), message: problem });
  }
  if (problems.length > 0) throw invalid(problems);
}

function describe(codec: Codec, key: string) {
  return `${nounOf(codec.target)} "${key}"`;
}

async function find(store: Store, codec: Codec, key: string, options: EditOptions) {
  const id = await store.id(codec.target, key);
  if (id === undefined) {
    throw new EditError(`no ${describe(codec, key)}`, "NOT_FOUND", options.keyArg ?? "key");
  }
  return id;
}

/** Refuses a write based on a version that is no longer the stored one. */
async function checkVersion(
  store: Store,
  codec: Codec,
  id: number,
  key: string,
  version: number,
): Promise<void> {
  if (!codec.versioned) return;
  const current = (
    await store.get<{ version: number }>(
      `SELECT version FROM ${codec.entity.table} WHERE id = ?`,
      id,
    )
  )?.version;
  if (current === version) return;
  const last = await store.get<{ actor: string; at: string }>(
    "SELECT actor, at FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
    codec.entity.auditType,
    id,
  );
  throw new EditError(
    `${describe(codec, key)} is at version ${current}, not ${version}: ${
      last ? `${last.actor} changed it at ${last.at}` : "it changed"
    } since you read it. Read it again and reapply your change.`,
    "CONFLICT",
    "version",
    [],
    { currentVersion: current, yourVersion: version },
  );
}

function transaction<T>(db: Db, run: (store: Store) => Promise<T>): Promise<T> {
  return inTransaction(db, "write", async () => {
    const store = await Store.open(db);
    const result = await run(store);
    await store.flush();
    return result;
  });
}

export async function createRecord(
  db: Db,
  section: Section,
  input: Record<string, unknown>,
  options: EditOptions,
): Promise<EditResult> {
  const codec = codecOf(section) as Codec;
  return transaction(db, async (store) => {
    const record = parse(codec, withoutNulls(input), options);
    const key = codec.keyOf(record as never);
    if ((await store.id(codec.target, key)) !== undefined) {
      throw new EditError(
        `${describe(codec, key)} exists already: update it instead`,
        "CONFLICT",
        argumentName(options, keyPath(section)),
      );
    }
    await validate(store, codec, record, options);
    await upsert(store, codec, record, options.actor, true);
    return { id: (await store.id(codec.target, key)) as number, changed: true };
  });
}

/**
 * Changes a record: `change` gets it in canonical form (the file format) and returns the new one,
 * which is validated whole. A change that leaves it as it was writes nothing.
 */
export async function changeRecord(
  db: Db,
  section: Section,
  key: string,
  version: number,
  change: (current: Canonical) => Canonical,
  options: EditOptions,
): Promise<EditResult> {
  const codec = codecOf(section) as Codec;
  return transaction(db, async (store) => {
    const id = await find(store, codec, key, options);
    await checkVersion(store, codec, id, key, version);
    const current = codec.out((await codec.read(store, id))[0]?.values);
    const next = change(current);
    // A record's natural key is its identity: edits cannot move it.
    for (const name of keyPath(section)) next[name as string] = current[name as string];
    const record = parse(codec, next, options);
    await validate(store, codec, record, options);
    const { result } = await upsert(store, codec, record, options.actor, true);
    if (codec.section === "events" && result !== "unchanged") {
      // Moved to another relationship: what refers to it must not stay in the old one.
      await store.flush();
      const left = await leftBehind(store, key);
      if (left.length > 0) {
        throw invalid(
          left.map((d) => ({
            argumentName: argumentName(options, ["between"]),
            message: `moving event "${key}" to ${d.goes} would leave ${d.noun} "${d.key}", which refers to it, in ${d.stays}: move or change it first`,
          })),
        );
      }
    }
    return { id, changed: result !== "unchanged" };
  });
}

export async function updateRecord(
  db: Db,
  section: Section,
  key: string,
  version: number,
  patch: Record<string, unknown>,
  options: EditOptions,
): Promise<EditResult> {
  return changeRecord(db, section, key, version, (current) => applyPatch(current, patch), options);
}

/** Deletes a record nothing else refers to (its own parts go with it). */
export async function deleteRecord(
  db: Db,
  section: Section,
  key: string,
  version: number,
  options: Omit<EditOptions, "arg">,
): Promise<EditResult> {
  const codec = codecOf(section) as Codec;
  const opts = { ...options, arg: options.keyArg ?? "key" };
  return transaction(db, async (store) => {
    const id = await find(store, codec, key, opts);
    await checkVersion(store, codec, id, key, version);
    const dependents = await codec.dependents(store, id);
    if (dependents.length > 0) {
      throw new EditError(
        `cannot delete ${describe(codec, key)}: ${dependents.join(", ")} refer to it; change or delete those first`,
        "CONFLICT",
        opts.arg,
      );
    }
    const before = codec.out((await codec.read(store, id))[0]?.values);
    await store.run(`DELETE FROM ${codec.entity.table} WHERE id = ?`, id);
    store.forget(codec.target, key);
    store.insert(
      "audit_log",
      auditColumns({
        actor: options.actor,
        action: "delete",
        entityType: codec.entity.auditType,
        entityId: id,
        entityKey: key,
        before,
        after: null,
      }),
      false,
    );
    return { id, changed: true };
  });
}
