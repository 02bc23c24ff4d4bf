// The `attache` command as a user runs it: exit codes, stdout and stderr.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgram, commandPaths, main } from "../src/cli/main.ts";
import { tempDir } from "./support/db.ts";

let dataDir: string;
const attache = (...args: string[]) =>
  spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), ...args], {
    env: { ...process.env, ATTACHE_DATA_DIR: dataDir },
    encoding: "utf8",
  });

beforeAll(() => {
  dataDir = tempDir();
  expect(attache("db", "reset").status).toBe(0);
});

describe("attache query", () => {
  it("prints the JSON result", () => {
    const run = attache(
      "query",
      "query ($b: [String!]!) { relationship(between: $b) { key } }",
      "--variables",
      '{"b":["KG","CN"]}',
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ data: { relationship: { key: "CN-KG" } } });
  });

  it("answers in Chinese with --locale zh", () => {
    const run = attache("query", '{ country(code: "KG") { name } }', "--locale", "zh");
    expect(JSON.parse(run.stdout).data.country.name).toBe("吉尔吉斯斯坦");
  });

  it("exits non-zero with the errors on stderr", () => {
    const run = attache("query", '{ country(code: "XX") { name } }');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stderr).errors[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "code",
    });
  });

  it("refuses malformed variables", () => {
    const run = attache("query", "{ countries { code } }", "--variables", "{nope");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--variables is not valid JSON");
  });
});

describe("attache db", () => {
  it("does not seed over existing data unless told", () => {
    const run = attache("db", "seed");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("already holds data");
    expect(attache("db", "seed", "--if-empty").status).toBe(0);
  });

  it("rejects an unknown command with usage", () => {
    const run = attache("frobnicate");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Usage: attache");
  });
});

describe("attache --help", () => {
  // Every command and sub-command of the parser's tree, so a new one cannot lack help.
  const paths = commandPaths(buildProgram(async () => {}));

  it.each(paths.map((p) => [p.join(" "), p]))("%s --help", async (_name, words) => {
    let out = "";
    const code = await main([...words, "--help"], {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        out += text;
      },
    });
    expect(code).toBe(0);
    expect(out).toContain(`Usage: attache ${words.join(" ")}`);
  });

  it("covers the commands with options that once crashed on --help", () => {
    const names = paths.map((p) => p.join(" "));
    expect(names).toEqual(expect.arrayContaining(["schedule add", "import", "export", "query"]));
  });

  it("prints help from the installed command without touching the database", () => {
    const run = attache("schedule", "add", "--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("--timezone <zone>");
    expect(attache("--help").stdout).toMatch(/keys\s+API keys/);
  });

  it("names the option at fault in one line", () => {
    const run = attache("brief", "--between", "CN,XX", "--out", path.join(dataDir, "x.pdf"));
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n").at(-1)).toBe(
      "attache brief: --between: no relationship CN-XX is recorded",
    );
  });
});
