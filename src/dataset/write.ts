// Importing dataset files (seeds, `attache import`, the importDataset mutation) in one write
// transaction, in two passes over the records:
//   1. validate: duplicate keys, references to records that exist neither in the database nor in
//      the files, and each record's own rules. Any problem: nothing is written.
//   2. write: every record upserts by natural key. A record whose canonical form equals the stored
//      one is left alone ("unchanged": no write, no new version, no audit entry); the others are
//      created or updated, and the audit log records them with their before and after.
// Memory holds the parsed files, the set of keys they declare and bounded lookup caches: nothing
// per record is kept once it is written.
import { type AuditAction, auditColumns, changedFields } from "../audit/log.ts";
import type { Db } from "../db/client.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Canonical, Codec, Path, Section } from "./codec.ts";
import {
  type EventLink,
  type EventRecord,
  leftBehind,
  linkOfRecord,
  parentProblem,
  storedLinks,
} from "./event-parents.ts";
import { formatPath, type LoadedFile } from "./load.ts";
import { DatasetError, type Problem } from "./problems.ts";
import { codecOf, sectionOrder } from "./sections/index.ts";
import { nounOf, Store, type Target } from "./store.ts";

export type SectionCounts = { created: number; updated: number; unchanged: number };
/** One record an import creates, changes or moves, with the fields that differ. */
export type RecordChange = {
  section: Section;
  key: string;
  action: "create" | "update" | "move";
  /** Where a moved record was, and where the file puts it. */
  move?: { from: string; to: string };
  fields: { field: string; before: unknown; after: unknown }[];
};
export type ImportReport = {
  /** Sections the files had records in, in write order. */
  sections: ({ section: Section } & SectionCounts)[];
  created: number;
  updated: number;
  unchanged: number;
  records: number;
  /** Validated and compared, then rolled back. */
  dryRun: boolean;
  /** Every record created, updated or moved (the first MAX_CHANGES), with a field-level diff. */
  changes: RecordChange[];
  changesNotListed: number;
};
export type Progress = { phase: "validate" | "write"; done: number; total: number };
export type ImportOptions = {
  /** Who the audit log names: an API key's name, "cli", "seed". */
  actor: string;
  dryRun?: boolean;
  /** A record whose key already belongs to another relationship, side or event may move. */
  allowMoves?: boolean;
  onProgress?: (progress: Progress) => void;
};

/** Problems (and changes) listed in full before the rest are only counted. */
const MAX_PROBLEMS = 1000;
const MAX_CHANGES = 1000;
const PROGRESS_EVERY = 500;
/**
 * Records whose ids and stored values are read together before they are written: one statement
 * per table for 500 records instead of several per record.
 */
const READ_BATCH = 500;

class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super("dry run");
  }
}

/** Validates and writes `files` in one transaction; throws DatasetError having written nothing. */
export async function importDataset(
  db: Db,
  files: readonly LoadedFile[],
  options: ImportOptions,
): Promise<ImportReport> {
  try {
    // A write transaction takes the lock first, so no other writer slips in between the passes.
    return await inTransaction(db, "write", async () => {
      const importer = new Importer(await Store.open(db), files, options);
      await importer.validate();
      const report = await importer.write();
      if (options.dryRun) throw new DryRun(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

export type WriteSummary = Record<string, number>;

/** Records per section written or confirmed (what seeding reports); see importDataset. */
export async function writeDataset(
  db: Db,
  files: readonly LoadedFile[],
  options: Partial<ImportOptions> = {},
): Promise<WriteSummary> {
  const report = await importDataset(db, files, { actor: "seed", ...options });
  return Object.fromEntries(
    report.sections.map((s) => [s.section, s.created + s.updated + s.unchanged]),
  );
}

/** A record of a file; `skipped`: its shape is wrong (its problems come with the file). */
type Item = { file: number; index: number; record: unknown; skipped: boolean };

/**
 * Events in the order they can be written: each after its parent when the files have both (a
 * session of a meeting during a visit: visit, meeting, session), otherwise as the files list
 * them. A parent chain that loops is a problem validation reports; its events keep their order.
 */
function parentsFirst(items: Item[]): Item[] {
  const parentOf = new Map<string, string | undefined>();
  for (const item of items) {
    const { key, parent } = (item.record ?? {}) as { key?: unknown; parent?: unknown };
    if (typeof key === "string" && !parentOf.has(key)) {
      parentOf.set(key, typeof parent === "string" ? parent : undefined);
    }
  }
  const depths = new Map<string, number>();
  const depth = (key: string): number => {
    const known = depths.get(key);
    if (known !== undefined) return known;
    // Follow the chain up to the first event the files do not have (or one seen already).
    const chain: string[] = [];
    const onChain = new Set<string>();
    let at: string | undefined = key;
    while (at !== undefined && parentOf.has(at) && !depths.has(at) && !onChain.has(at)) {
      chain.push(at);
      onChain.add(at);
      at = parentOf.get(at);
    }
    // Above the chain: nothing (0), an event placed already, or one outside the files (1).
    let d = at === undefined ? 0 : depths.has(at) ? (depths.get(at) as number) + 1 : 1;
    for (let i = chain.length - 1; i >= 0; i--) depths.set(chain[i] as string, d++);
    return depths.get(key) as number;
  };
  const keyed = items.map((item) => {
    const key = (item.record as { key?: unknown } | null)?.key;
    return { item, depth: typeof key === "string" ? depth(key) : 0 };
  });
  return keyed.sort((a, b) => a.depth - b.depth).map((k) => k.item);
}

class Importer {
  private readonly problems: Problem[] = [];
  /** The relationship and parent of each event the files declare, for the parent rules. */
  private readonly links = new Map<string, EventLink>();
  private problemsNotListed = 0;
  private readonly total: number;

  constructor(
    private readonly store: Store,
    private readonly files: readonly LoadedFile[],
    private readonly options: ImportOptions,
  ) {
    this.total = files.reduce(
      (n, f) => n + sectionOrder.reduce((m, s) => m + (f.data[s]?.length ?? 0), 0),
      0,
    );
  }

  /** Records section by section across the files, so references only ever point backwards. */
  private *items(): Generator<[Section, Item]> {
    for (const [section, items] of this.sections()) {
      for (const item of items) yield [section, item];
    }
  }

  /** Each section's records across the files, in the order they are written. */
  private *sections(): Generator<[Section, Item[]]> {
    for (const section of sectionOrder) {
      const items: Item[] = [];
      for (let file = 0; file < this.files.length; file++) {
        const records = (this.files[file]?.data[section] ?? []) as readonly unknown[];
        const skipped = this.files[file]?.skipped?.get(section);
        for (let index = 0; index < records.length; index++) {
          const record = records[index];
          items.push({ file, index, record, skipped: skipped?.has(index) ?? false });
        }
      }
      // An event that is part of another (a meeting during a visit) is written after it.
      if (items.length > 0) yield [section, section === "events" ? parentsFirst(items) : items];
    }
  }

  private problem(item: Item, section: Section, path: Path, message: string): void {
    this.add({
      file: this.files[item.file]?.file ?? "?",
      path: formatPath([section, item.index, ...path]),
      message,
    });
  }

  private add(problem: Problem): void {
    if (this.problems.length >= MAX_PROBLEMS) this.problemsNotListed++;
    else this.problems.push(problem);
  }

  private progress(phase: Progress["phase"], done: number): void {
    if (this.options.onProgress && (done % PROGRESS_EVERY === 0 || done === this.total)) {
      this.options.onProgress({ phase, done, total: this.total });
    }
  }

  async validate(): Promise<void> {
    // Every key the files declare, with where (file and index), for references and duplicates.
    for (const file of this.files) for (const problem of file.problems ?? []) this.add(problem);
    const declared = new Map<Target, Map<string, number>>();
    const declaredValues = new Map<string, Item>();
    const where = (item: Item) => item.file * 2 ** 32 + item.index;
    for (const [section, item] of this.items()) {
      const codec = codecOf(section) as Codec;
      let keys = declared.get(codec.target);
      if (!keys) {
        keys = new Map();
        declared.set(codec.target, keys);
      }
      // A record set aside for its shape still declares its key, if it has a readable one, so
      // that records referring to it are not reported as well.
      if (!item.skipped) this.declareUnique(codec, section, item, declaredValues);
      const key = item.skipped ? keyOfRaw(codec, item.record) : codec.keyOf(item.record as never);
      if (key === null) continue;
      if (section === "events" && !item.skipped && !this.links.has(key)) {
        this.links.set(key, linkOfRecord(item.record as EventRecord));
      }
      const first = keys.get(key);
      if (first === undefined) {
        keys.set(key, where(item));
      } else {
        const file = this.files[Math.floor(first / 2 ** 32)]?.file;
        this.problem(
          item,
          section,
          keyPath(section),
          `"${key}" is declared twice in this import (also in ${file}: ${formatPath([section, first % 2 ** 32])})`,
        );
      }
    }
    let done = 0;
    for (const [section, item] of this.items()) {
      if (!item.skipped) await this.validateRecord(section, item, declared);
      this.progress("validate", ++done);
      await this.store.settle();
    }
    this.throwProblems();
  }

  /** Refuses a value of a unique field (a country's alpha3) that another record declares too. */
  private declareUnique(codec: Codec, section: Section, item: Item, seen: Map<string, Item>) {
    for (const field of codec.unique) {
      const value = (item.record as Record<string, unknown>)[field];
      if (value === undefined || value === null) continue;
      const id = `${section}.${field}=${String(value)}`;
      const first = seen.get(id);
      if (!first) {
        seen.set(id, item);
        continue;
      }
      const file = this.files[first.file]?.file;
      this.problem(
        item,
        section,
        [field],
        `${field} "${String(value)}" is declared twice in this import (also in ${file}: ${formatPath([section, first.index, field])})`,
      );
    }
  }

  /**
   * An event moved to another relationship takes with it nothing that refers to it: the records
   * left in the old one (its statements, documents, meetings) would contradict it. Each is a
   * problem, unless the same import moves it too.
   */
  private async checkEventMove(item: Item): Promise<void> {
    const key = (item.record as { key: string }).key;
    for (const d of await leftBehind(this.store, key)) {
      this.problem(
        item,
        "events",
        ["between"],
        `moving event "${key}" to ${d.goes} would leave ${d.noun} "${d.key}", which refers to it, in ${d.stays}: move it in this file too, or leave the event where it is`,
      );
    }
  }

  /** A record's references (to the files or the database) and its own rules. */
  private async validateRecord(
    section: Section,
    item: Item,
    declared: ReadonlyMap<Target, ReadonlyMap<string, number>>,
  ): Promise<void> {
    const codec = codecOf(section) as Codec;
    const record = item.record as never;
    for (const ref of codec.refs(record)) {
      if (declared.get(ref.target)?.has(ref.key)) continue;
      if ((await this.store.id(ref.target, ref.key)) !== undefined) continue;
      this.problem(
        item,
        section,
        ref.path,
        await unknownReference(this.store, ref.target, ref.key, "file"),
      );
    }
    await codec.check(record, this.store, (path, message) =>
      this.problem(item, section, path, message),
    );
    if (section === "events") {
      const event = item.record as EventRecord;
      const stored = storedLinks(this.store);
      const problem = await parentProblem(
        event.key,
        linkOfRecord(event),
        async (key) => this.links.get(key) ?? (await stored(key)),
      );
      if (problem) this.problem(item, section, ["parent"], problem);
    }
  }

  private throwProblems(): void {
    if (this.problems.length > 0) {
      if (this.problemsNotListed > 0) {
        this.problems.push({
          file: "",
          path: "",
          message: `… and ${this.problemsNotListed} more problems not listed`,
        });
      }
      throw new DatasetError(this.problems);
    }
  }

  /** The stored values of the batch's records that exist, by id. */
  private async stored(codec: Codec, batch: readonly Item[]): Promise<Map<number, unknown>> {
    const keys = batch.map((item) => codec.keyOf(item.record as never));
    await this.store.lookUp(codec.target, keys);
    const ids: number[] = [];
    for (const key of keys) {
      const id = await this.store.id(codec.target, key);
      if (id !== undefined) ids.push(id);
    }
    if (ids.length === 0) return new Map();
    return new Map((await codec.read(this.store, ids)).map((r) => [r.id, r.values]));
  }

  async write(): Promise<ImportReport> {
    const counts = new Map<Section, SectionCounts>();
    const changes: RecordChange[] = [];
    let changesNotListed = 0;
    let done = 0;
    const { actor } = this.options;
    const movedEvents: Item[] = [];
    for (const [section, items] of this.sections()) {
      // Later sections read what earlier ones wrote: write out what is buffered first.
      await this.store.flush();
      const codec = codecOf(section) as Codec;
      const count = { created: 0, updated: 0, unchanged: 0 };
      counts.set(section, count);
      for (let start = 0; start < items.length; start += READ_BATCH) {
        const batch = items.slice(start, start + READ_BATCH);
        const stored = await this.stored(codec, batch);
        for (const item of batch) {
          // Only the changes listed get their field-level diff.
          const listed = changes.length < MAX_CHANGES;
          const outcome = await upsert(
            this.store,
            codec,
            item.record,
            actor,
            false,
            listed,
            stored,
          );
          count[outcome.result]++;
          if (outcome.change) {
            if (outcome.change.action === "move" && !this.options.allowMoves) {
              const { key, move } = outcome.change;
              this.problem(
                item,
                section,
                keyPath(section),
                `"${key}" belongs to ${move?.from}; this file would move it to ${move?.to}. Use another key for a new record, or allow the move (--allow-moves, allowMoves: true)`,
              );
            } else if (listed) changes.push(outcome.change);
            else changesNotListed++;
            if (outcome.change.action === "move" && section === "events") movedEvents.push(item);
          }
          this.progress("write", ++done);
          await this.store.settle();
        }
      }
    }
    await this.store.flush();
    for (const item of movedEvents) await this.checkEventMove(item);
    this.throwProblems();
    const sections = sectionOrder
      .filter((s) => counts.has(s))
      .map((section) => ({ section, ...(counts.get(section) as SectionCounts) }));
    const sum = (k: keyof SectionCounts) => sections.reduce((n, s) => n + s[k], 0);
    const report: ImportReport = {
      sections,
      created: sum("created"),
      updated: sum("updated"),
      unchanged: sum("unchanged"),
      records: this.total,
      dryRun: this.options.dryRun ?? false,
      changes,
      changesNotListed,
    };
    if (report.created + report.updated > 0) {
      this.store.insert(
        "audit_log",
        auditColumns({
          actor: this.options.actor,
          action: "import",
          entityType: "dataset",
          entityId: null,
          entityKey: this.files.map((f) => f.file).join(", "),
          before: null,
          after: { created: report.created, updated: report.updated, unchanged: report.unchanged },
        }),
        false,
      );
    }
    await this.store.flush();
    return report;
  }
}

/** The key of a record of the wrong shape, when it can be read; null otherwise. */
function keyOfRaw(codec: Codec, record: unknown): string | null {
  try {
    const key = codec.keyOf(record as never);
    return typeof key === "string" ? key : null;
  } catch {
    return null;
  }
}

/** Reference kinds short enough to list in full when a name is not among them. */
const LISTED: Partial<Record<Target, string>> = {
  partnershipLevel: "SELECT key FROM partnership_levels ORDER BY rank, key",
  eventType: "SELECT key FROM event_types ORDER BY key",
};

/** Why a reference does not resolve, and how to make it (a file section or a mutation). */
export async function unknownReference(
  store: Store,
  target: Target,
  key: string,
  via: "file" | "api",
): Promise<string> {
  if (target === "relationship") {
    // CN-XX fails first because XX is no country: say that, and how to add one.
    for (const code of key.split("-")) {
      if ((await store.id("country", code)) === undefined) {
        return unknownReference(store, "country", code, via);
      }
    }
    return via === "file"
      ? `no relationship ${key}: add it under "relationships" first`
      : `no relationship ${key}: create it first (createRelationship)`;
  }
  if (target === "country") {
    return `unknown country "${key}": add it under "countries" in a dataset file or with createCountry`;
  }
  const list = LISTED[target];
  const known = list ? (await store.all<{ key: string }>(list)).map((r) => r.key) : [];
  return `unknown ${nounOf(target)} "${key}"${known.length ? `; known: ${known.join(", ")}` : ""}`;
}

/** Where a record's natural key is, for errors about it. */
export function keyPath(section: Section): Path {
  return section === "countries" ? ["code"] : section === "relationships" ? ["between"] : ["key"];
}

/**
 * Writes one validated record unless its canonical form is already stored; audits the change.
 * `complete`: the record says everything (an edit); otherwise (an import) see Codec.values.
 * `diff`: the change lists the fields that differ. `stored`: stored values read beforehand, by id.
 */
export async function upsert(
  store: Store,
  codec: Codec,
  record: unknown,
  actor: string,
  complete: boolean,
  diff = false,
  stored?: ReadonlyMap<number, unknown>,
): Promise<{ result: keyof SectionCounts; change: RecordChange | null }> {
  const key = codec.keyOf(record as never);
  const existingId = (await store.id(codec.target, key)) ?? null;
  const existing =
    existingId === null
      ? null
      : (stored?.get(existingId) ?? (await codec.read(store, existingId))[0]?.values ?? null);
  const values = await codec.values(record as never, store, existing, complete);
  const after = codec.out(values);
  let before: Canonical | null = null;
  if (existingId !== null) {
    before = codec.out(existing);
    if (JSON.stringify(before) === JSON.stringify(after))
      return { result: "unchanged", change: null };
  }
  const from = existing !== null && codec.owner ? codec.owner(existing) : null;
  const to = codec.owner ? codec.owner(values) : null;
  const id = await codec.write(store, values, existingId);
  if (existingId === null) store.remember(codec.target, key, id);
  const action: AuditAction = existingId === null ? "create" : "update";
  store.insert(
    "audit_log",
    auditColumns({
      actor,
      action,
      entityType: codec.entity.auditType,
      entityId: id,
      entityKey: key,
      before,
      after,
    }),
    false,
  );
  const moved = from !== null && to !== null && from !== to;
  return {
    result: existingId === null ? "created" : "updated",
    change: {
      section: codec.section,
      key,
      action: existingId === null ? "create" : moved ? "move" : "update",
      ...(moved ? { move: { from: from as string, to: to as string } } : {}),
      fields: diff
        ? changedFields(before, after).map((field) => ({
            field,
            before: before?.[field],
            after: after[field],
          }))
        : [],
    },
  };
}
