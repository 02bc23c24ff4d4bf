// What `attache serve` keeps under a fresh data directory is its owner's alone: the database
// (webhook signing secrets, key hashes), its WAL and SHM, rendered briefs, the link secret.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./support/db.ts";

/** Every directory and file under `dir`, with its permission bits as "700", "600". */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { ".": (fs.statSync(dir).mode & 0o777).toString(8) };
  for (const entry of fs.readdirSync(dir, { recursive: true }) as string[]) {
    out[entry] = (fs.statSync(path.join(dir, entry)).mode & 0o777).toString(8);
  }
  return out;
}

describe("the data directory", () => {
  it("is 0700 with files 0600 when serve creates it", async () => {
    const dataDir = path.join(tempDir(), "data");
    const child = spawn(process.execPath, [path.resolve("bin/attache.mjs"), "serve"], {
      env: {
        ...process.env,
        PORT: "0",
        ATTACHE_DATA_DIR: dataDir,
        ATTACHE_SCHEDULER: "off",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    try {
      // The first start renders a sample brief: wait until it says where the file is.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no brief:\n${stdout}\n${stderr}`)),
          90_000,
        );
        child.stdout.on("data", (chunk) => {
          stdout += chunk;
          if (/\(file: \S+\.pdf\)/.test(stdout)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      // While it runs: the WAL and SHM files exist beside the database.
      const seen = modes(dataDir);
      expect(Object.keys(seen)).toEqual(
        expect.arrayContaining([
          "attache.db",
          "attache.db-wal",
          "attache.db-shm",
          "link-secret",
          "briefs",
        ]),
      );
      expect(Object.keys(seen).filter((f) => f.endsWith(".pdf"))).toHaveLength(1);
      for (const [entry, mode] of Object.entries(seen)) {
        const isDir = fs.statSync(path.join(dataDir, entry)).isDirectory();
        expect(`${entry} ${mode}`).toBe(`${entry} ${isDir ? "700" : "600"}`);
      }
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.on("exit", resolve));
    }
  }, 120_000);

  it("narrows a database made readable by others before, when a command opens it", () => {
    const dataDir = tempDir();
    const db = path.join(dataDir, "attache.db");
    fs.writeFileSync(db, "", { mode: 0o644 });
    fs.chmodSync(db, 0o644);
    const run = spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), "db", "migrate"], {
      env: { ...process.env, ATTACHE_DATA_DIR: dataDir },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect((fs.statSync(db).mode & 0o777).toString(8)).toBe("600");
  }, 60_000);
});
