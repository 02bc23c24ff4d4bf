// `attache import` and `attache export` as a user runs them, and the progress bar.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderBar } from "../../src/cli/progress.ts";
import { tempDir } from "../support/db.ts";

let dataDir: string;
const attache = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), ...args], {
    env: { ...process.env, ATTACHE_DATA_DIR: dataDir, ...env },
    encoding: "utf8",
  });

beforeAll(() => {
  dataDir = tempDir();
  expect(attache(["db", "reset"]).status).toBe(0);
});

const SOURCE = "peoples-daily-2025-11-20-p3-first-strategic-dialogue";
const newFile = `relationships:
  - between: [KG, UZ]
    partnerships:
      - { level: strategic_partnership, since: 2017-10-05, sources: [${SOURCE}] }
events:
  - key: 2026-06-01-kg-uz-summit
    between: [UZ, KG]
    type: summit
    date: 2026-06-01
    title: { en: Kyrgyzstan–Uzbekistan summit, zh: 吉乌峰会 }
    sources: [{ source: ${SOURCE}, locator: para 9 }]
`;

// Each run starts a process that compiles and loads the whole CLI: seconds, on a busy machine.
const slow = { timeout: 120_000 };

describe("attache import", slow, () => {
  it("imports a file with a summary, then says a second import changed nothing", () => {
    const file = path.join(dataDir, "kg-uz.yaml");
    fs.writeFileSync(file, newFile);
    const first = attache(["import", file]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Imported .*kg-uz\.yaml: 2 records in [\d.]+ s\./);
    expect(first.stdout).toMatch(/relationships\s+1\s+0\s+0/);
    expect(first.stdout).toMatch(/events\s+1\s+0\s+0/);
    expect(first.stdout).toMatch(/total\s+2\s+0\s+0/);

    const second = attache(["import", file]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(
      /^Nothing changed: all 2 records of .*kg-uz\.yaml are already stored/,
    );

    const query = attache([
      "query",
      '{ relationship(between: ["UZ", "KG"]) { key eventCount partnership { level { key } } } }',
    ]);
    expect(JSON.parse(query.stdout).data.relationship).toEqual({
      key: "KG-UZ",
      eventCount: 1,
      partnership: { level: { key: "strategic_partnership" } },
    });
  });

  it("does a dry run without writing", () => {
    const file = path.join(dataDir, "dry.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        topics: [{ key: "dry-topic", kind: "issue", name: { en: "Dry", zh: "干" } }],
      }),
    );
    const run = attache(["import", "--dry-run", file]);
    expect(run.stdout).toMatch(
      /^Dry run of .*dry\.json \(1 records, [\d.]+ s\): nothing was written/,
    );
    const after = attache(["query", "query Issues { topics(kind: ISSUE) { key } }"]);
    expect(after.stdout).toContain("one_china");
    expect(after.stdout).not.toContain("dry-topic");
  });

  it("refuses a file with problems, listing them, writing nothing (exit 1)", () => {
    const file = path.join(dataDir, "bad.yaml");
    fs.writeFileSync(
      file,
      newFile
        .replace("2026-06-01-kg-uz-summit", "2026-06-02-other")
        .replace("type: summit", "type: picnic")
        .replace("date: 2026-06-01", "date: 2026-02-30"),
    );
    const run = attache(["import", file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("bad.yaml: events[0].date: February 2026 has 28 days");
    expect(run.stderr).toContain("nothing was written");
    fs.writeFileSync(
      file,
      newFile
        .replace("2026-06-01-kg-uz-summit", "2026-06-02-other")
        .replace("type: summit", "type: picnic"),
    );
    const refs = attache(["import", file]);
    expect(refs.status).toBe(1);
    expect(refs.stderr).toContain('bad.yaml: events[0].type: unknown event type "picnic"');
    expect(attache(["query", '{ event(key: "2026-06-02-other") { key } }']).stdout).toContain(
      '"event": null',
    );
    expect(attache(["import"]).status).toBe(2);
  });

  it("draws a progress bar on request", () => {
    const file = path.join(dataDir, "many.json");
    const events = Array.from({ length: 2500 }, (_, i) => ({
      key: `many-${i}`,
      between: ["CN", "KG"],
      type: "talks",
      date: "2024-01-01",
      title: { en: `Talks ${i}`, zh: `会谈${i}` },
      sources: [SOURCE],
    }));
    fs.writeFileSync(file, JSON.stringify({ events }));
    const run = attache(["import", "--progress", file]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/write\s+\[#+\] 100% 2,500\/2,500 records/);
    expect(run.stdout).toMatch(/events\s+2500\s+0\s+0/);
  });
});

describe("attache export", slow, () => {
  it("writes the dataset to stdout or a file, and the file imports into an empty database as it was", () => {
    const out = path.join(dataDir, "export.yaml");
    const run = attache(["export", "--out", out]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^exported \d+ records to .*export\.yaml/);
    const text = fs.readFileSync(out, "utf8");
    expect(attache(["export"]).stdout).toBe(text);
    expect(text).toContain("key: 2026-06-01-kg-uz-summit");

    const empty = tempDir();
    const imported = attache(["import", out], { ATTACHE_DATA_DIR: empty });
    expect(imported.status, imported.stderr).toBe(0);
    const again = attache(["export", "--format", "yaml"], { ATTACHE_DATA_DIR: empty });
    expect(again.stdout).toBe(text);
    expect(
      JSON.parse(attache(["export", "--format", "json"]).stdout).events.length,
    ).toBeGreaterThan(3);
    expect(attache(["export", "--format", "xml"]).status).toBe(2);
  });
});

describe("the progress bar", () => {
  it("shows the phase, the share done and the counts", () => {
    expect(renderBar("validate", 250, 1000, 80)).toBe(
      `validate  [${"#".repeat(10)}${"-".repeat(30)}]  25% 250/1,000 records`,
    );
    expect(renderBar("write", 1000, 1000, 80)).toMatch(/\[#{40}\] 100% 1,000\/1,000 records$/);
  });
});
