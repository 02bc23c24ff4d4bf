// The `attache` command as a user runs it: exit codes, stdout and stderr.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
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
    expect(run.status).toBe(2); // bad input to an option: a usage error
    expect(run.stderr.trim().split("\n").at(-1)).toBe(
      "attache brief: --between: no relationship CN-XX is recorded",
    );
    const out = path.join(dataDir, "x.pdf");
    const pair = attache(
      "brief",
      "--relationship",
      "CN-KG",
      "--relationship",
      "CN-XX",
      "--out",
      out,
    );
    expect(pair.stderr.trim().split("\n").at(-1)).toBe(
      "attache brief: --relationship: no relationship recorded for: CN-XX",
    );
    const country = attache("brief", "--country", "XX", "--out", out);
    expect(country.stderr.trim().split("\n").at(-1)).toBe(
      "attache brief: --country: unknown countries: XX: add them first (a countries section in a dataset file, or createCountry)",
    );
  });
});

describe("attache schedule add", () => {
  it("refuses more than 100 targets, naming the option", () => {
    const emails = Array.from({ length: 101 }, (_, i) => ["--email", `r${i}@example.org`]).flat();
    const run = attache(
      "schedule",
      "add",
      "--name",
      "crowded",
      "--cron",
      "0 7 * * 1",
      "--timezone",
      "UTC",
      "--relationship",
      "CN-KG",
      ...emails,
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n").at(-1)).toBe(
      "attache schedule add: --email: a schedule has at most 100 targets, each email address and webhook one; this would make 101",
    );
  });
});

describe("failures a user can fix", () => {
  /** The whole of stderr is one line naming the problem. */
  const oneLine = (run: { stderr: string }) => {
    expect(run.stderr.endsWith("\n")).toBe(true);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    return run.stderr.trim();
  };

  it("an --out whose directory does not exist, before any work", () => {
    const missing = path.join(dataDir, "no-such-dir", "x.pdf");
    const brief = attache("brief", "--between", "CN,KG", "--out", missing);
    expect(brief.status).toBe(2);
    expect(oneLine(brief)).toBe(
      `attache brief: --out ${missing}: the directory ${path.dirname(missing)} does not exist`,
    );
    const exported = attache("export", "--out", dataDir);
    expect(exported.status).toBe(2);
    expect(oneLine(exported)).toBe(`attache export: --out ${dataDir}: it is a directory`);
  });

  it("a data directory that cannot be written", () => {
    const file = path.join(tempDir(), "a-file");
    fs.writeFileSync(file, "");
    const run = spawnSync(process.execPath, [path.resolve("bin/attache.mjs"), "serve"], {
      env: { ...process.env, ATTACHE_DATA_DIR: path.join(file, "data") },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(oneLine(run)).toMatch(/^attache serve: the data directory .* is not writable \(E\w+\)/);
  });

  it("a port another process listens on", async () => {
    const taken = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => taken.once("listening", resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const run = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.resolve("bin/attache.mjs"), "serve"], {
          env: {
            ...process.env,
            ATTACHE_DATA_DIR: tempDir(),
            PORT: String(port),
            LOG_LEVEL: "warn",
            ATTACHE_SCHEDULER: "off",
          },
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk) => {
          stderr += chunk;
        });
        child.on("exit", (status) => resolve({ status, stderr }));
      });
      expect(run.status).toBe(1);
      expect(oneLine(run)).toBe(
        `attache serve: cannot listen on 127.0.0.1:${port} (EADDRINUSE): another process uses the port, or set PORT to another`,
      );
    } finally {
      taken.close();
    }
  }, 30_000);
});
