// `attache ingest` as a user runs it: a draft file from a report, clear errors for bad input,
// and the database left as it was.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/db.ts";

let dataDir: string;
const attache = (args: string[], input?: Buffer | string, dir = dataDir) =>
  spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), ...args], {
    env: { ...process.env, ATTACHE_DATA_DIR: dir },
    encoding: "utf8",
    input,
  });
const article = path.resolve("test/fixtures/articles/2024-09-04-china-nigeria-talks-cctv.zh.txt");

// Each run starts a process that compiles and loads the CLI: seconds, on a busy machine.
const slow = { timeout: 120_000 };

beforeAll(() => {
  dataDir = tempDir();
  expect(attache(["db", "reset"]).status).toBe(0);
}, 120_000);

describe("attache ingest", slow, () => {
  it("says there is nothing to import when --merge drafts nothing new", () => {
    // A database of its own: the report is imported into it.
    const own = tempDir();
    const run = (args: string[]) => attache(args, undefined, own);
    expect(run(["db", "reset"]).status).toBe(0);
    const first = path.join(own, "nigeria-first.yaml");
    const args = ["ingest", article, "--publication", "央视网", "--published", "2024-09-04"];
    expect(run([...args, "--out", first]).status).toBe(0);
    const imported = run(["import", first, "--quiet"]);
    expect(imported.status, imported.stderr).toBe(0);
    const again = run([...args, "--merge", "--out", path.join(own, "nigeria-again.yaml")]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^0 records drafted/);
    expect(again.stderr).toMatch(/\nNothing new to import\.\n$/);
  });

  it("writes a draft to review from a report, leaving the database untouched", () => {
    const db = path.join(dataDir, "attache.db");
    const before = fs.readFileSync(db);
    const out = path.join(dataDir, "nigeria.yaml");
    const run = attache([
      "ingest",
      article,
      "--publication",
      "央视网",
      "--published",
      "2024-09-04",
      "--url",
      "https://tv.cctv.com/2024/09/04/VIDEe6CiTfhH3xhVIteEjIKG240904.shtml",
      "--out",
      out,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^\d+ records drafted \(each with what to review beside it\), \d+ stored records? referenced/,
    );
    // The next step as the README writes it: a clone has no `attache` on PATH.
    expect(run.stderr).toMatch(
      /\nReview it, then: node bin\/attache\.mjs import \S+nigeria\.yaml\n$/,
    );
    const yaml = fs.readFileSync(out, "utf8");
    expect(yaml).toContain("then load it with `node bin/attache.mjs import FILE`");
    expect(yaml).toMatch(/^format: 2$/m);
    expect(yaml).toMatch(/# confidence 0\.\d\d · para 2\n\s+# review: /);
    expect(yaml).toContain("title: { zh: 习近平同提努布会谈 }");
    expect(yaml).toContain(
      "中华人民共和国和尼日利亚联邦共和国关于建立全面战略伙伴关系、构建高水平中尼命运共同体的联合声明",
    );
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it("lists the notes on the report as a whole, not only their number", () => {
    // Of a China–Pakistan report: 达尔 is named without a title, so no event can be drafted.
    const run = attache(
      ["ingest", "-", "--publication", "人民日报", "--published", "2026-05-21"],
      "王毅同达尔举行中巴外长第七轮战略对话\n\n19日，中共中央政治局委员、外交部长王毅在北京同达尔举行中巴外长第七轮战略对话。\n\n达尔说，巴方感谢中方长期以来给予的宝贵支持。\n",
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /2 notes on the report as a whole\n {2}- para 1; para 2: the report speaks of a meeting \(战略对话\) but no event was drafted/,
    );
    expect(run.stderr).toMatch(/\n {2}- para 3: "达尔说，…" reads as reported speech/);
  });

  it("reads stdin, and refuses what it cannot read with a message naming the problem", () => {
    const stdin = attache(
      ["ingest", "-", "--publication", "央视网", "--published", "2024-09-04"],
      fs.readFileSync(article),
    );
    expect(stdin.status, stdin.stderr).toBe(0);
    expect(stdin.stdout).toContain("key: ti-nu-bu");

    const gbk = path.join(dataDir, "gbk.txt");
    fs.writeFileSync(gbk, Buffer.from([0xcd, 0xf5, 0xd2, 0xe3, 0xb1, 0xed, 0xca, 0xbe, 0x0a]));
    const notUtf8 = attache([
      "ingest",
      gbk,
      "--publication",
      "新华社",
      "--published",
      "2024-09-04",
    ]);
    expect(notUtf8.status).toBe(1);
    expect(notUtf8.stderr).toMatch(/gbk\.txt is not UTF-8 text/);

    const noDate = attache([
      "ingest",
      article,
      "--publication",
      "央视网",
      "--published",
      "2024-02-30",
    ]);
    expect(noDate.status).toBe(2);
    expect(noDate.stderr).toMatch(/publishedOn: "2024-02-30" is not a calendar date/);
  });

  it("refuses a report over 50,000 characters, naming the file, and writes nothing", () => {
    const long = path.join(dataDir, "long.txt");
    const out = path.join(dataDir, "long.yaml");
    const sentence = "王毅表示，中方愿同吉方加强合作。\n"; // 17 characters, 49 bytes
    fs.writeFileSync(long, `${fs.readFileSync(article, "utf8")}${sentence.repeat(3000)}`);
    const run = attache([
      "ingest",
      long,
      "--publication",
      "新华社",
      "--published",
      "2024-09-04",
      "--out",
      out,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /long\.txt is 52,164 characters long; a draft takes at most 50,000 \(a report is a few thousand/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses to write the draft over the report it reads", () => {
    const report = path.join(dataDir, "same.txt");
    fs.copyFileSync(article, report);
    const before = fs.readFileSync(report);
    const link = path.join(dataDir, "same-link.txt");
    fs.symlinkSync(report, link);
    for (const out of [report, path.relative(process.cwd(), report), link]) {
      const run = attache([
        "ingest",
        report,
        "--publication",
        "央视网",
        "--published",
        "2024-09-04",
        "--out",
        out,
      ]);
      expect(run.status, out).toBe(2);
      expect(run.stderr).toMatch(
        /--out \S+ is the report being read: write the draft to another file/,
      );
      expect(fs.readFileSync(report).equals(before)).toBe(true);
    }
  });
});
