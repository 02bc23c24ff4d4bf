import { once } from "node:events";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "puppeteer";
import puppeteer from "puppeteer";

const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--font-render-hinting=none",
];

/** How long a graceful Chromium shutdown (or a context close) may take before we stop waiting. */
const CLOSE_GRACE_MS = 3_000;

export class BusyError extends Error {
  override readonly name = "BusyError";
  readonly code = "BUSY";
}

export class RenderTimeoutError extends Error {
  override readonly name = "RenderTimeoutError";
  readonly code = "RENDER_TIMEOUT";
}

export class BrowserCrashedError extends Error {
  override readonly name = "BrowserCrashedError";
  readonly code = "BROWSER_CRASHED";
}

export class PoolClosedError extends Error {
  override readonly name = "PoolClosedError";
  readonly code = "POOL_CLOSED";
}

/** `env.CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`; throws when it is not an executable. */
export function resolveChromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const chromiumPath = env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found (or not executable) at ${chromiumPath}. ` +
        "Install it with `apt-get install chromium`, or set CHROMIUM_PATH to a Chromium/Chrome binary.",
    );
  }
  return chromiumPath;
}

export interface BrowserPoolOptions {
  /** Defaults to `resolveChromiumPath(process.env)`, resolved at the first launch. */
  executablePath?: string;
  /** Jobs running at once (default: `os.availableParallelism()`). */
  concurrency?: number;
  /** Jobs waiting for a slot before `run` fails with `BusyError` (default 32). */
  maxQueue?: number;
  /** Per-job limit, from opening the page to the job's result (default 30 000). */
  jobTimeoutMs?: number;
  /** Jobs one Chromium serves before it is replaced (default 200). */
  relaunchAfterJobs?: number;
  /** Extra Chromium flags, appended to the built-in ones. */
  launchArgs?: string[];
}

export interface RunOptions {
  /** Overrides the pool's `jobTimeoutMs` for this job. */
  timeoutMs?: number;
}

export interface BrowserPoolStats {
  launches: number;
  /** Jobs that got a browser (whatever their outcome). */
  jobs: number;
  crashes: number;
  queued: number;
  running: number;
  blockedRequests: number;
  /** PDFs printed (a brief should cost one). */
  prints: number;
}

interface Instance {
  readonly browser: Browser;
  readonly pid: number | null;
  readonly userDataDir: string;
  /** Rejects with BrowserCrashedError when Chromium goes away unasked; jobs race against it. */
  readonly crashed: Promise<never>;
  started: number;
  inFlight: number;
  /** No new jobs; shut down once in-flight ones finish. */
  retired: boolean;
  dead: boolean;
  /** Set once we close it ourselves, so the resulting disconnect is not a crash. */
  shutdown: Promise<void> | null;
}

/** A fresh context with its locked-down page, made before the job that will use it arrives. */
interface Prepared {
  readonly instance: Instance;
  readonly context: BrowserContext;
  readonly page: Page;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Owns Chromium: one browser per process (launched on the first job, replaced after a crash or
 * every `relaunchAfterJobs` jobs) and a fresh, offline, script-less page per job. Opening a
 * context and its page costs about as much as a short print (a new renderer process), so the
 * next job's page is made while the pool is otherwise idle, and a job's context is closed after
 * its result is handed back.
 */
export class BrowserPool {
  readonly #executablePath: string | undefined;
  readonly #concurrency: number;
  readonly #maxQueue: number;
  readonly #jobTimeoutMs: number;
  readonly #relaunchAfterJobs: number;
  readonly #launchArgs: readonly string[];

  #current: Instance | null = null;
  #launching: Promise<Instance> | null = null;
  /** Every browser not yet fully shut down: the current one and retired or crashed ones. */
  readonly #instances = new Set<Instance>();
  readonly #waiters: Waiter[] = [];
  #idleWaiters: (() => void)[] = [];
  #running = 0;
  #closing: Promise<void> | null = null;
  /** The next job's page, being made or ready; null once taken. */
  #spare: Promise<Prepared | null> | null = null;

  #launches = 0;
  #jobs = 0;
  #crashes = 0;
  #blockedRequests = 0;
  #prints = 0;

  constructor(options: BrowserPoolOptions = {}) {
    this.#executablePath = options.executablePath;
    this.#concurrency = options.concurrency ?? os.availableParallelism();
    this.#maxQueue = options.maxQueue ?? 32;
    this.#jobTimeoutMs = options.jobTimeoutMs ?? 30_000;
    this.#relaunchAfterJobs = options.relaunchAfterJobs ?? 200;
    this.#launchArgs = options.launchArgs ?? [];
    if (this.#concurrency < 1) throw new RangeError("concurrency must be at least 1");
  }

  /**
   * Runs `job` on a fresh page in its own browser context. The result is handed back as soon as
   * the job ends; the context is closed after that, and the slot freed once it is.
   */
  async run<T>(job: (page: Page) => Promise<T>, options: RunOptions = {}): Promise<T> {
    await this.#acquire();
    let instance: Instance;
    try {
      instance = await this.#instance();
    } catch (error) {
      this.#release();
      throw error;
    }
    const { result, closed } = this.#runInSlot(
      instance,
      job,
      options.timeoutMs ?? this.#jobTimeoutMs,
    );
    void closed.then(() => this.#release());
    return result;
  }

  /** Launches Chromium if needed and makes the next job's page; resolves once it is ready. */
  async warm(): Promise<void> {
    this.#prepareSpare();
    await this.#spare;
  }

  stats(): BrowserPoolStats {
    return {
      launches: this.#launches,
      jobs: this.#jobs,
      crashes: this.#crashes,
      queued: this.#waiters.length,
      running: this.#running,
      blockedRequests: this.#blockedRequests,
      prints: this.#prints,
    };
  }

  /** Called by the printing code once per PDF printed in a job. */
  countPrint(): void {
    this.#prints++;
  }

  /** Process id of the browser new jobs go to, or null when none is running. */
  pid(): number | null {
    return this.#current?.pid ?? null;
  }

  /** Rejects queued jobs, waits for running ones (bounded by their timeouts), stops Chromium. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const waiter of this.#waiters.splice(0)) {
        waiter.reject(new PoolClosedError("The browser pool was closed"));
      }
      if (this.#running > 0) {
        await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
      }
      await this.#spare; // a spare being made may be launching a browser: wait for it
      this.#current = null;
      await Promise.all([...this.#instances].map((instance) => this.#shutdown(instance)));
    })();
    return this.#closing;
  }

  #acquire(): Promise<void> {
    if (this.#closing) return Promise.reject(new PoolClosedError("The browser pool is closed"));
    if (this.#running < this.#concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    if (this.#waiters.length >= this.#maxQueue) {
      return Promise.reject(
        new BusyError(
          `PDF renderer busy: ${this.#running} running, ${this.#waiters.length} queued`,
        ),
      );
    }
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #release(): void {
    const next = this.#waiters.shift();
    if (next) {
      next.resolve(); // the slot passes straight to the next job, so FIFO order holds
      return;
    }
    this.#running--;
    if (this.#running === 0) {
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  #runInSlot<T>(
    instance: Instance,
    job: (page: Page) => Promise<T>,
    timeoutMs: number,
  ): { result: Promise<T>; closed: Promise<void> } {
    this.#jobs++;
    instance.inFlight++;
    instance.started++;
    if (instance.started >= this.#relaunchAfterJobs) this.#retire(instance);

    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RenderTimeoutError(`PDF render did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const opened = (async () => (await this.#takeSpare(instance)) ?? this.#prepare(instance))();
    const work = opened.then(({ page }) => {
      if (finished) throw new RenderTimeoutError("Render abandoned");
      page.setDefaultTimeout(timeoutMs);
      return job(page);
    });
    // The race below may settle first; the job's own late failure is then of no interest.
    work.catch(() => {});

    const result = (async () => {
      try {
        return await Promise.race([work, timeout, instance.crashed]);
      } catch (error) {
        if (
          (instance.dead || !instance.browser.connected) &&
          !(error instanceof BrowserCrashedError)
        ) {
          throw new BrowserCrashedError("Chromium went away during the render", { cause: error });
        }
        throw error;
      } finally {
        finished = true;
        clearTimeout(timer);
      }
    })();
    const closed = result
      .catch(() => {})
      .then(async () => {
        if (!instance.dead) {
          // A page still opening when the job ended (timed out) is closed once it has opened.
          const late = opened.then(({ context }) => context.close());
          await withTimeout(late, CLOSE_GRACE_MS);
        }
        instance.inFlight--;
        if (instance.retired && instance.inFlight === 0) void this.#shutdown(instance);
        if (!instance.dead) this.#prepareSpare();
      });
    return { result, closed };
  }

  /** The page made ahead for `instance`, if there is one and it opened; null otherwise. */
  async #takeSpare(instance: Instance): Promise<Prepared | null> {
    const spare = this.#spare;
    this.#spare = null;
    const prepared = await spare;
    if (!prepared) return null;
    if (prepared.instance === instance && !instance.dead) return prepared;
    // Made on a browser since retired: it goes when that browser does.
    return null;
  }

  /** Starts making the next job's page, unless one is on its way or the pool is closing. */
  #prepareSpare(): void {
    if (this.#spare || this.#closing) return;
    const spare = this.#instance()
      .then((instance) => (instance.retired ? null : this.#prepare(instance)))
      // A spare that fails (Chromium gone, not launchable) is simply not there: the job that
      // would have taken it opens its own page and meets the same failure itself.
      .catch(() => null);
    this.#spare = spare;
  }

  async #prepare(instance: Instance): Promise<Prepared> {
    const context = await instance.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await this.#lockDown(page);
      return { instance, context, page };
    } catch (error) {
      await withTimeout(context.close(), CLOSE_GRACE_MS);
      throw error;
    }
  }

  /** No scripts, no network: only the HTML we were given (and data: URLs in it) may load. */
  async #lockDown(page: Page): Promise<void> {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const url = request.url();
      if (url.startsWith("data:") || url === "about:blank") {
        void request.continue();
        return;
      }
      this.#blockedRequests++;
      void request.abort("blockedbyclient");
    });
  }

  #instance(): Promise<Instance> {
    const current = this.#current;
    if (current && !current.dead && current.browser.connected) return Promise.resolve(current);
    this.#launching ??= this.#launch().finally(() => {
      this.#launching = null;
    });
    return this.#launching;
  }

  async #launch(): Promise<Instance> {
    const executablePath = this.#executablePath ?? resolveChromiumPath(process.env);
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), "attache-chromium-"));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        pipe: true, // no DevTools port on localhost
        userDataDir,
        args: [...CHROMIUM_ARGS, ...this.#launchArgs],
        // Signals belong to the service, which calls close(); puppeteer still kills Chromium on exit.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    }

    let crash: (error: Error) => void = () => {};
    const crashed = new Promise<never>((_, reject) => {
      crash = reject;
    });
    crashed.catch(() => {}); // observed by jobs only when one is running
    const instance: Instance = {
      browser,
      pid: browser.process()?.pid ?? null,
      userDataDir,
      crashed,
      started: 0,
      inFlight: 0,
      retired: false,
      dead: false,
      shutdown: null,
    };
    browser.on("disconnected", () => {
      instance.dead = true;
      if (instance.shutdown) return;
      this.#crashes++;
      if (this.#current === instance) this.#current = null;
      crash(new BrowserCrashedError(`Chromium (pid ${instance.pid}) disconnected unexpectedly`));
      void this.#shutdown(instance);
    });
    this.#launches++;
    this.#instances.add(instance);
    this.#current = instance;
    return instance;
  }

  #retire(instance: Instance): void {
    instance.retired = true;
    if (this.#current === instance) this.#current = null;
  }

  /** Closes Chromium, then kills whatever is left of its process group and removes its profile. */
  #shutdown(instance: Instance): Promise<void> {
    instance.shutdown ??= (async () => {
      const proc = instance.browser.process();
      const exited =
        proc && proc.exitCode === null && proc.signalCode === null
          ? once(proc, "exit")
          : Promise.resolve();
      if (!instance.dead) await withTimeout(instance.browser.close(), CLOSE_GRACE_MS);
      killProcessGroup(instance.pid);
      await withTimeout(exited, CLOSE_GRACE_MS);
      await withTimeout(rm(instance.userDataDir, { recursive: true, force: true }), CLOSE_GRACE_MS);
      this.#instances.delete(instance);
    })();
    return instance.shutdown;
  }
}

/** Chromium is spawned detached, as the leader of its own process group: kill all of it. */
function killProcessGroup(pid: number | null): void {
  if (pid === null) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the whole group is already gone, which is the usual case after a graceful close.
  }
}

/** Waits for `promise` at most `ms`; its failure is ignored (used for best-effort cleanup). */
async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
