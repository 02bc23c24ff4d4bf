// A full or read-only disk: the brief fails at once with a coded error and leaves no temporary
// file; a row that could not be saved hands out no id; /readyz says what is wrong. The disk is a
// real one: a small tmpfs (mounting needs root, as in CI; elsewhere the test is skipped).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BriefService } from "../../src/briefs/service.ts";
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/client.ts";
import { createGraphQLHandler } from "../../src/graphql/yoga.ts";
import { readiness } from "../../src/http/health.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb, tempDir } from "../support/db.ts";
import { testKey } from "../support/graphql.ts";

const mountPoint = tempDir("attache-tmpfs-");
const mounted = (() => {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint], {
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
})();
afterAll(() => {
  if (mounted) execFileSync("umount", [mountPoint]);
});

const { db, file } = createTestDb();
let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool();
});
afterAll(() => pool.close());

/** Fills the file system until it refuses another byte. */
function fill(dir: string): void {
  const chunk = Buffer.alloc(64 * 1024);
  const fd = fs.openSync(path.join(dir, "filler"), "w");
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
  } finally {
    fs.closeSync(fd);
  }
}

const filesIn = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: "utf8" });

describe.skipIf(!mounted)("a full data directory", () => {
  it("fails the brief at once with STORAGE, keeps no temporary file, and is not ready", async () => {
    fill(mountPoint);
    const service = new BriefService({ db, dataDir: mountPoint, pool });
    const brief = await service.generate(
      { between: ["CN", "KG"], asOf: "2025-11-24" },
      { waitMs: 60_000 },
    );
    expect(brief).toMatchObject({ status: "failed", errorCode: "STORAGE", file: null });
    expect(brief.error).toMatch(/could not be saved: the disk is full \(ENOSPC\)/);
    expect(filesIn(mountPoint).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const ready = await readiness(db, mountPoint, 100 * 1024 * 1024);
    expect(ready).toMatchObject({ status: "unavailable" });
    expect(JSON.stringify(ready)).toMatch(/nearly full/);
  }, 60_000);

  it("is reported when it turns read-only", async () => {
    execFileSync("mount", ["-o", "remount,ro", mountPoint]);
    const ready = await readiness(db, mountPoint, 0);
    expect(JSON.stringify(ready)).toMatch(/is not writable \(EROFS\)/);
  });
});

describe("a database that refuses writes", () => {
  it("hands out no brief id: generateBrief is refused with STORAGE (503)", async () => {
    const token = await testKey(db, "editor");
    const before = db.$client.prepare("SELECT count(*) AS n FROM briefs").get();
    const readOnly = openDatabase(file, { readonly: true });
    const briefs = new BriefService({ db: readOnly, dataDir: tempDir(), pool });
    const yoga = createGraphQLHandler(readOnly, loadConfig({}).limits, undefined, { briefs });
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation { generateBrief(input: { between: ["CN", "KG"], asOf: "2025-11-24", waitMs: 0 }) { id } }`,
      }),
    });
    const body = (await response.json()) as {
      data: unknown;
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(response.status).toBe(503);
    expect(body.data).toBeNull();
    expect(body.errors[0]?.extensions.code).toBe("STORAGE");
    expect(body.errors[0]?.message).toMatch(/read-only/);
    expect(db.$client.prepare("SELECT count(*) AS n FROM briefs").get()).toEqual(before);
    readOnly.$client.close();
  });
});
