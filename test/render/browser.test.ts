import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import type { Page } from "puppeteer";
import { afterEach, describe, expect, it } from "vitest";
import {
  BrowserCrashedError,
  BrowserPool,
  type BrowserPoolOptions,
  BusyError,
  PoolClosedError,
  RenderTimeoutError,
  resolveChromiumPath,
} from "../../src/render/browser.ts";
import { renderPdf } from "../../src/render/pdf.ts";
import { pdfInfo, pdfText } from "../support/pdf-text.ts";

const executablePath = resolveChromiumPath(process.env);
const pools: BrowserPool[] = [];
// One browser per test at most: two CPUs, shared with the other test files.
afterEach(() => Promise.all(pools.splice(0).map((pool) => pool.close())));

function newPool(options: BrowserPoolOptions = {}): BrowserPool {
  const pool = new BrowserPool({ executablePath, ...options });
  pools.push(pool);
  return pool;
}

const html = (text: string) => `<!doctype html><meta charset="utf-8"><p>${text}</p>`;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

/** Pids of live processes whose command line contains `needle`. */
async function processesMentioning(needle: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(needle)) found.push(Number(entry));
  }
  return found;
}

async function userDataDirOf(pid: number): Promise<string> {
  const args = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
  const flag = args.find((arg) => arg.startsWith("--user-data-dir="));
  if (!flag) throw new Error(`pid ${pid} has no --user-data-dir`);
  return flag.slice("--user-data-dir=".length);
}

/** The browser's whole process group (zygotes, renderers, GPU) should be gone. */
async function expectGone(pid: number, userDataDir: string): Promise<void> {
  expect(alive(pid)).toBe(false);
  await expect.poll(() => processesMentioning(userDataDir), { timeout: 3_000 }).toEqual([]);
  expect(existsSync(userDataDir)).toBe(false);
}

async function expectPdf(pdf: Buffer, text: string): Promise<void> {
  expect((await pdfInfo(pdf)).Pages).toBe("1");
  expect(await pdfText(pdf)).toContain(text);
}

describe("resolveChromiumPath", () => {
  it("defaults to Debian's chromium and explains a missing one", () => {
    expect(resolveChromiumPath({})).toBe("/usr/bin/chromium");
    expect(() => resolveChromiumPath({ CHROMIUM_PATH: "/nope/chromium" })).toThrow(
      /\/nope\/chromium.*apt-get install chromium.*CHROMIUM_PATH/s,
    );
  });
});

describe("BrowserPool", () => {
  it("launches lazily, once for concurrent first jobs, with a fresh context per job", async () => {
    const pool = newPool({ concurrency: 2 });
    expect(pool.pid()).toBeNull();
    expect(pool.stats().launches).toBe(0);
    const pages: Page[] = [];
    const job = async (page: Page) => {
      pages.push(page);
      return page.browserContext().id;
    };
    const [a, b] = await Promise.all([pool.run(job), pool.run(job)]);
    expect(pool.stats()).toMatchObject({ launches: 1, jobs: 2, queued: 0 });
    // Each job gets its own incognito-like context; the default one has no id.
    expect(a).toEqual(expect.any(String));
    expect(b).toEqual(expect.any(String));
    expect(a).not.toBe(b);
    // Contexts are closed after the results are handed back; the slots free once they are.
    await expect.poll(() => pages.every((page) => page.isClosed())).toBe(true);
    await expect.poll(() => pool.stats().running).toBe(0);
    expect(pool.pid()).toEqual(expect.any(Number));
    // The page made ahead for the next job is fresh too: never one a finished job used.
    const c = await pool.run(job);
    expect([a, b]).not.toContain(c);
  });

  it("warm() launches Chromium and opens the next job's page before any job", async () => {
    const pool = newPool();
    await pool.warm();
    expect(pool.pid()).toEqual(expect.any(Number));
    expect(pool.stats()).toMatchObject({ launches: 1, jobs: 0 });
    // Chromium's default context and the job's: the job got the page made ahead, not another.
    const contexts = await pool.run(async (page) => page.browser().browserContexts().length);
    expect(contexts).toBe(2);
    await expectPdf(await renderPdf(pool, html("after warming")), "after warming");
    expect(pool.stats()).toMatchObject({ launches: 1, jobs: 2, prints: 1 });
  });

  it("reports a browser that cannot start, and tries again on the next job", async () => {
    const pool = newPool({ executablePath: "/bin/false" });
    await expect(pool.run(async () => 1)).rejects.toThrow();
    await expect(pool.run(async () => 1)).rejects.toThrow();
    expect(pool.stats()).toMatchObject({ launches: 0, jobs: 0, running: 0 });
  });

  it("rejects at once with BusyError beyond concurrency + queue", async () => {
    const pool = newPool({ concurrency: 1, maxQueue: 1 });
    const started = deferred();
    const unblock = deferred();
    const first = pool.run(async () => {
      started.resolve();
      await unblock.promise;
      return "first";
    });
    const second = pool.run(async () => "second");
    await started.promise;
    expect(pool.stats()).toMatchObject({ running: 1, queued: 1 });

    const before = Date.now();
    const third = pool.run(async () => "third");
    await expect(third).rejects.toBeInstanceOf(BusyError);
    await expect(third).rejects.toMatchObject({ code: "BUSY" });
    expect(Date.now() - before).toBeLessThan(100);

    unblock.resolve();
    expect(await Promise.all([first, second])).toEqual(["first", "second"]);
  });

  it("times out a stuck job, closes its page, and keeps working", async () => {
    const pool = newPool({ concurrency: 1 });
    let stuck: Page | undefined;
    // The limit covers opening the page too, so leave room for that on a busy machine. A job
    // that never settles is only ended by the timeout: the rejection is the proof it fired.
    const never = pool.run(
      async (page) => {
        stuck = page;
        await new Promise(() => {});
      },
      { timeoutMs: 6_000 },
    );
    await expect(never).rejects.toBeInstanceOf(RenderTimeoutError);
    await expect(never).rejects.toMatchObject({ code: "RENDER_TIMEOUT" });
    expect(stuck).toBeDefined();
    // Puppeteer marks the page closed when Chromium's target-destroyed event arrives, which can
    // trail the context disposal that run() awaited.
    await expect.poll(() => stuck?.isClosed(), { timeout: 10_000 }).toBe(true);
    await expectPdf(await renderPdf(pool, html("after the timeout")), "after the timeout");
    // A job's context is closed after its result is handed back: it stops running just after.
    await expect.poll(() => pool.stats().running, { timeout: 10_000 }).toBe(0);
    expect(pool.stats()).toMatchObject({ launches: 1, crashes: 0 });
  });

  it("fails in-flight jobs when Chromium is killed, and runs queued ones on a new browser", async () => {
    const pool = newPool({ concurrency: 1, jobTimeoutMs: 20_000 });
    await renderPdf(pool, html("warm-up"));
    const firstPid = pool.pid();
    if (firstPid === null) throw new Error("no browser running");
    const firstProfile = await userDataDirOf(firstPid);

    const started = deferred();
    const inFlight = pool.run(async () => {
      started.resolve();
      await new Promise(() => {});
    });
    const queued = [1, 2, 3].map((n) => renderPdf(pool, html(`queued ${n}`)));
    await started.promise;
    process.kill(firstPid, "SIGKILL");

    await expect(inFlight).rejects.toBeInstanceOf(BrowserCrashedError);
    const results = await Promise.all(queued);
    for (const [i, result] of results.entries()) await expectPdf(result, `queued ${i + 1}`);
    expect(pool.stats()).toMatchObject({ launches: 2, crashes: 1 });
    expect(pool.pid()).not.toBe(firstPid);
    await expectGone(firstPid, firstProfile);
  });

  it("recycles the browser every relaunchAfterJobs jobs without failing any", async () => {
    const pool = newPool({ concurrency: 2, relaunchAfterJobs: 2 });
    const pids = new Set<number>();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        pool.run(async (page) => {
          const pid = page.browser().process()?.pid;
          if (pid !== undefined) pids.add(pid);
          await page.setContent(html(`job ${n}`));
          return page.pdf();
        }),
      ),
    );
    expect(results).toHaveLength(5);
    for (const pdf of results) expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    expect(pool.stats().launches).toBeGreaterThanOrEqual(3);
    expect(pool.stats().crashes).toBe(0);
    expect(pids.size).toBe(pool.stats().launches);
    const current = pool.pid();
    for (const pid of pids) {
      if (pid !== current) await expect.poll(() => alive(pid), { timeout: 5_000 }).toBe(false);
    }
  });

  it("close() rejects queued jobs, lets running ones finish, and leaves no process behind", async () => {
    const pool = newPool({ concurrency: 1 });
    const started = deferred();
    const unblock = deferred();
    const running = pool.run(async (page) => {
      started.resolve();
      await unblock.promise;
      await page.setContent(html("finished during close"));
      return page.pdf();
    });
    const queued = pool.run(async () => "never runs");
    await started.promise;
    const pid = pool.pid();
    if (pid === null) throw new Error("no browser running");
    const profile = await userDataDirOf(pid);
    expect(await processesMentioning(profile)).toContain(pid);

    const closing = pool.close();
    await expect(queued).rejects.toBeInstanceOf(PoolClosedError);
    unblock.resolve();
    expect(
      Buffer.from(await running)
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    await closing;
    await expectGone(pid, profile);
    expect(pool.pid()).toBeNull();

    await pool.close(); // idempotent
    await expect(pool.run(async () => 1)).rejects.toBeInstanceOf(PoolClosedError);
  });
});
