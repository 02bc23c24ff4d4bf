// generateBrief: the one path every caller (GraphQL, HTTP, CLI, scheduler) takes to a brief.
//   gather → html → one print → one PDF-library pass (contents page numbers, metadata, page
//   count) → a content-addressed file and a `briefs` row with timings.
// The same spec over unchanged data and templates returns the stored brief without rendering;
// a repeat while the database's data version holds does not even gather.
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { writeAudit } from "../audit/log.ts";
import { retryWhileBusy } from "../db/busy.ts";
import type { Db } from "../db/client.ts";
import { type DataVersion, dataVersion } from "../db/data-version.ts";
import { makePrivateDir, PRIVATE_FILE } from "../db/private-files.ts";
import { briefs } from "../db/schema.ts";
import { isStorageError, StorageFailure } from "../db/storage-failure.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Locale } from "../domain/locale.ts";
import { Refusal } from "../domain/refusal.ts";
import type { Logger } from "../log.ts";
import { processAlive, thisHost } from "../process-alive.ts";
import type { BrowserPool } from "../render/browser.ts";
import { renderHtml, templateHash } from "../render/html.ts";
import { renderPdf } from "../render/pdf.ts";
import { BriefInputError } from "./errors.ts";
import { finishPdf } from "./finish.ts";
import { gather } from "./gather.ts";
import { type BriefModel, type BriefSpec, subjectOf } from "./model.ts";
import { type BriefRequest, normalizeSpec } from "./spec.ts";

export type BriefRow = typeof briefs.$inferSelect;
export type Timings = { gather: number; html: number; pdf: number; finish: number; store: number };

export type BriefServiceOptions = {
  db: Db;
  dataDir: string;
  pool: BrowserPool;
  clock?: () => Date;
  /** The classification banner and the drafter line, per locale; none printed when absent. */
  classification?: Partial<Record<Locale, string>>;
  drafter?: Partial<Record<Locale, string>>;
  logger?: Logger;
};

export type GenerateOptions = {
  /** Re-render even when an identical brief is stored. */
  force?: boolean;
  /** How long to wait for the render before returning the brief still queued or rendering. */
  waitMs?: number;
  requestedBy?: string;
};

/** This process, as recorded on the briefs it makes. */
const RENDERER = `${thisHost}:${process.pid}`;

/** Whether the process that was making a brief still runs (another process on this host). */
function rendererAlive(renderer: string | null): boolean {
  const [host = "", pid] = (renderer ?? "").split(":");
  if (host !== thisHost || Number(pid) === process.pid) return false;
  return processAlive(host, Number(pid));
}

/** How long a status change waits for a database another process is writing to. */
const STATUS_DEADLINE_MS = 30_000;

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const elapsed = (since: number) => Math.round((performance.now() - since) * 10) / 10;

export class BriefService {
  /** Emits `update` with the brief row whenever its status changes. */
  readonly events = new EventEmitter();
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly clock: () => Date;
  private readonly dataVersion: DataVersion;
  /**
   * Cache keys of briefs the store answered, by spec and templates, with the data version they
   * were gathered at: a repeat at the same version needs no gather (most of a cached answer).
   */
  private readonly answered = new LRUCache<string, { version: string; cacheKey: string }>({
    max: 1_000,
  });

  constructor(private readonly options: BriefServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.dataVersion = dataVersion(options.db.$client);
    this.events.setMaxListeners(0);
  }

  /**
   * After a crash, no brief stays queued or rendering: those of processes that are gone failed,
   * and say why. Briefs other live processes on this database are making are left to them.
   */
  async recoverInterrupted(): Promise<number> {
    const { db } = this.options;
    const stuck = (
      await db
        .select({ id: briefs.id, renderer: briefs.renderer })
        .from(briefs)
        .where(inArray(briefs.status, ["queued", "rendering"]))
    )
      .filter((row) => !rendererAlive(row.renderer))
      .map((row) => row.id);
    if (stuck.length === 0) return 0;
    const failed = await inTransaction(db, "write", () =>
      db
        .update(briefs)
        .set({
          status: "failed",
          error:
            "interrupted: the service stopped while this brief was being made; request it again",
          errorCode: "INTERRUPTED",
          finishedAt: this.clock().toISOString(),
        })
        .where(and(inArray(briefs.id, stuck), inArray(briefs.status, ["queued", "rendering"])))
        .returning({ id: briefs.id }),
    );
    return failed.length;
  }

  /** Validates and gathers at once (bad input throws BriefInputError); renders in the background. */
  async generate(request: BriefRequest, options: GenerateOptions = {}): Promise<BriefRow> {
    const { db } = this.options;
    const today = this.clock().toISOString().slice(0, 10);
    const spec = normalizeSpec(request, today);
    const tHash = templateHash(spec.template);
    const answeredKey = JSON.stringify([spec, tHash]);
    if (!options.force) {
      const known = this.answered.get(answeredKey);
      const cached =
        known?.version === this.dataVersion() ? await this.stored(known.cacheKey) : null;
      if (known && cached)
        return await this.answerFromStore(
          { answeredKey, version: known.version },
          known.cacheKey,
          cached,
          options,
        );
    }
    // Read before gathering: a write while gather awaits must not pass for the gathered data.
    const version = this.dataVersion();
    const started = performance.now();
    const model = await gather(db, spec).catch((error: unknown) => {
      // A summary asked for by `between` covers that pair: an unknown one is the caller's between.
      if (request.between && error instanceof Refusal && error.argumentName === "relationships") {
        throw new BriefInputError(error.message, "between");
      }
      throw error;
    });
    const gatherMs = elapsed(started);
    const dataHash = sha256(JSON.stringify(model));
    const cacheKey = sha256(JSON.stringify([spec, tHash, dataHash]));

    if (!options.force) {
      const cached = await this.stored(cacheKey);
      if (cached) {
        return await this.answerFromStore({ answeredKey, version }, cacheKey, cached, options);
      }
    }

    // The row and its audit entry are saved together or not at all: no id for an unsaved row.
    const row = await inTransaction(db, "write", async () => {
      const [inserted] = (await db
        .insert(briefs)
        .values({
          template: spec.template,
          locale: spec.locale,
          spec,
          cacheKey,
          templateHash: tHash,
          dataHash,
          status: "queued",
          requestedBy: options.requestedBy ?? null,
          renderer: RENDERER,
          createdAt: this.clock().toISOString(),
        })
        .returning()) as [BriefRow];
      await this.audit(inserted, options.requestedBy, false);
      return inserted;
    });
    this.emit(row);
    const job = this.render(row.id, spec, model, gatherMs).finally(() =>
      this.inFlight.delete(row.id),
    );
    this.inFlight.set(row.id, job);
    if (options.waitMs !== 0) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise((resolve) => {
        timer = setTimeout(resolve, options.waitMs ?? 10_000);
      });
      // Clear the timer once the job ends: a pending one would keep a finished process alive.
      await Promise.race([job, waited]).finally(() => clearTimeout(timer));
    }
    return (await this.get(row.id)) as BriefRow;
  }

  /** The finished brief stored under `cacheKey`, if its file is still there. */
  private async stored(cacheKey: string): Promise<BriefRow | null> {
    const [row] = await this.options.db
      .select()
      .from(briefs)
      .where(and(eq(briefs.cacheKey, cacheKey), eq(briefs.status, "done")))
      .orderBy(briefs.id)
      .limit(1);
    return row?.file && fs.existsSync(this.filePath(row.file)) ? row : null;
  }

  /**
   * Audits a request the store answers. The audit entry is a write, so it moves the data
   * version; it changes nothing a brief reads, so the spec's entry moves with it, when the data
   * is still as it was at `gathered.version` (the version the stored answer is known to match).
   * Both versions are read in the entry's transaction, around it: nothing else writes on the
   * connection meanwhile, and the commit does not move them.
   */
  private async answerFromStore(
    gathered: { answeredKey: string; version: string },
    cacheKey: string,
    row: BriefRow,
    options: GenerateOptions,
  ): Promise<BriefRow> {
    const version = await inTransaction(this.options.db, "write", async () => {
      const unchanged = this.dataVersion() === gathered.version;
      await this.audit(row, options.requestedBy, true);
      return unchanged ? this.dataVersion() : null;
    });
    if (version) this.answered.set(gathered.answeredKey, { version, cacheKey });
    return row;
  }

  /**
   * Every request is audited: who asked for which brief, and whether the cache answered. In the
   * caller's write transaction.
   */
  private async audit(row: BriefRow, requestedBy: string | undefined, cached: boolean) {
    const spec = row.spec as BriefSpec;
    await writeAudit(this.options.db, {
      actor: requestedBy ?? "system",
      action: "request",
      entityType: "brief",
      entityId: row.id,
      entityKey: row.publicId,
      before: null,
      after: {
        template: spec.template,
        about: subjectOf(spec),
        asOf: spec.asOf,
        locale: spec.locale,
        cached,
      },
    });
  }

  async get(id: number): Promise<BriefRow | null> {
    const [row] = await this.options.db.select().from(briefs).where(eq(briefs.id, id));
    return row ?? null;
  }

  /** Absolute path of a stored file (rows keep paths relative to the data directory). */
  filePath(relative: string): string {
    return path.join(this.options.dataDir, relative);
  }

  /** Waits for briefs being made; used on shutdown and in tests. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async render(id: number, spec: BriefSpec, model: BriefModel, gatherMs: number) {
    const { pool, logger } = this.options;
    const timings: Timings = { gather: gatherMs, html: 0, pdf: 0, finish: 0, store: 0 };
    try {
      await this.setStatus(id, { status: "rendering" });
      let at = performance.now();
      const rendered = renderHtml(model, {
        locale: spec.locale,
        format: spec.format,
        // An English label stands for both languages (the renderer translates known ones).
        classification:
          this.options.classification?.[spec.locale] ?? this.options.classification?.en ?? null,
        drafter: this.options.drafter?.[spec.locale] ?? this.options.drafter?.en ?? null,
      });
      timings.html = elapsed(at);
      at = performance.now();
      const printed = await renderPdf(pool, rendered.html, { format: spec.format });
      timings.pdf = elapsed(at);
      at = performance.now();
      const finished = await finishPdf(printed, {
        metadata: {
          ...rendered.metadata,
          language: spec.locale === "zh" ? "zh-CN" : "en",
          created: this.clock(),
        },
        contents: rendered.contents,
      });
      timings.finish = elapsed(at);
      at = performance.now();
      const digest = sha256(finished.pdf);
      const file = this.store(digest, finished.pdf, rendered.html);
      timings.store = elapsed(at);
      await this.setStatus(id, {
        status: "done",
        title: rendered.title,
        sha256: digest,
        bytes: finished.pdf.byteLength,
        pages: finished.pages,
        file,
        timings,
        finishedAt: this.clock().toISOString(),
      });
      logger?.info("brief done", { id, template: spec.template, locale: spec.locale, timings });
    } catch (error) {
      const storage = isStorageError(error);
      logger?.error("brief failed", { id, error: (error as Error).message, storage });
      const failed = {
        status: "failed",
        error: (error as Error).message,
        errorCode: storage ? "STORAGE" : "RENDER",
        timings,
        finishedAt: this.clock().toISOString(),
      };
      await this.setStatus(id, failed).catch(async (cause: Error) => {
        // The database cannot take the failure either (the same full disk): say so to whoever
        // follows the brief; the row is failed as interrupted on the next start.
        logger?.error("brief failure not recorded", { id, error: cause.message });
        const row = await this.get(id).catch(() => null);
        if (row) this.emit({ ...row, ...failed });
      });
    }
  }

  /**
   * Writes briefs/<sha256>.pdf (and its HTML) once; identical PDFs share one file. A write the
   * disk refuses leaves no temporary file behind and fails as a StorageFailure.
   */
  private store(digest: string, pdf: Buffer, html: string): string {
    const relative = path.join("briefs", digest.slice(0, 2), `${digest}.pdf`);
    const absolute = this.filePath(relative);
    try {
      makePrivateDir(path.dirname(absolute));
      for (const [target, content] of [
        [absolute, pdf],
        [absolute.replace(/\.pdf$/, ".html"), html],
      ] as const) {
        if (fs.existsSync(target)) continue;
        // Write then rename, so a reader never sees half a file.
        const temp = `${target}.${process.pid}.tmp`;
        try {
          fs.writeFileSync(temp, content, { mode: PRIVATE_FILE });
          fs.renameSync(temp, target);
        } finally {
          fs.rmSync(temp, { force: true });
        }
      }
    } catch (error) {
      throw isStorageError(error) ? new StorageFailure("the brief's file", error as Error) : error;
    }
    return relative;
  }

  /** Records a status change; waits (asynchronously) while another process holds the database. */
  private async setStatus(id: number, values: Partial<BriefRow>): Promise<void> {
    const { db } = this.options;
    const [row] = await retryWhileBusy(
      () =>
        inTransaction(db, "write", () =>
          db.update(briefs).set(values).where(eq(briefs.id, id)).returning(),
        ),
      STATUS_DEADLINE_MS,
    );
    if (row) this.emit(row);
  }

  private emit(row: BriefRow): void {
    this.events.emit("update", row);
  }
}
