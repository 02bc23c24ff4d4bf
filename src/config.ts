// Environment → typed, validated configuration. Read once at the edge and passed down.
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseAllowList, type WebhookAllowList } from "./net/allow-list.ts";

/** How a scheduled run retries before giving up (src/schedule/retry.ts applies it). */
export type RetryPolicy = {
  /** Attempts before a run gives up. */
  maxAttempts: number;
  /** Delay after the n-th failed attempt: base × 2^(n−1), at most maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
};

/** Ten attempts over about six hours: a receiver down for a morning still gets its summary. */
export const defaultRetry: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 60_000,
  maxDelayMs: 2 * 3_600_000,
};

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const flag = z
  .enum(["true", "false", "1", "0"], { message: 'must be "true" or "false"' })
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  ATTACHE_DATA_DIR: z.string().min(1).default("./data"),
  ATTACHE_DB_FILE: z.string().min(1).optional(),
  ATTACHE_PUBLIC_URL: z.url().optional(),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  ATTACHE_MAX_BODY_BYTES: positiveInt.default(100_000),
  ATTACHE_MAX_DEPTH: positiveInt.default(12),
  ATTACHE_MAX_COST: positiveInt.default(20_000),
  ATTACHE_MAX_ALIASES: positiveInt.default(30),
  ATTACHE_MAX_TOKENS: positiveInt.default(2_000),
  ATTACHE_MAX_SEARCH_COST: positiveInt.default(60),
  ATTACHE_MAX_VALUES: positiveInt.optional(),
  /** The older name of ATTACHE_MAX_VALUES, read when that is not set. */
  ATTACHE_MAX_OBJECTS: positiveInt.optional(),
  ATTACHE_RESPONSE_CACHE_MB: z.coerce.number().int().min(0).default(64),
  ATTACHE_RENDER_CONCURRENCY: positiveInt.default(os.availableParallelism()),
  ATTACHE_PUBLIC_READ: flag.default(false),
  ATTACHE_CLASSIFICATION: z.string().min(1).default("UNCLASSIFIED"),
  ATTACHE_CLASSIFICATION_ZH: z.string().min(1).optional(),
  ATTACHE_DRAFTER: z.string().min(1).optional(),
  ATTACHE_DRAFTER_ZH: z.string().min(1).optional(),
  ATTACHE_SCHEDULER: z.enum(["on", "off"]).default("on"),
  ATTACHE_SCHEDULER_TICK_MS: positiveInt.default(15_000),
  ATTACHE_SMTP_URL: z.string().min(1).optional(),
  ATTACHE_MAIL_FROM: z.string().min(3).default("Attaché <attache@localhost>"),
  ATTACHE_WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  ATTACHE_LINK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ATTACHE_LINK_LIFETIME_HOURS: positiveInt.default(168),
  ATTACHE_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((origin) => origin.trim().replace(/\/$/, ""))
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ message: "must be a comma-separated list of origins" }))),
  ATTACHE_BUSY_TIMEOUT_MS: positiveInt.default(5_000),
  ATTACHE_MIN_FREE_MB: z.coerce.number().int().min(0).default(100),
  ATTACHE_WEBHOOK_ALLOW: z
    .string()
    .default("")
    .transform((list, ctx) => {
      try {
        return parseAllowList(list);
      } catch {
        ctx.addIssue({ code: "custom", message: "must list host names, addresses or CIDRs" });
        return z.NEVER;
      }
    }),
  ATTACHE_SCHEDULE_MAX_ATTEMPTS: positiveInt.default(defaultRetry.maxAttempts),
  ATTACHE_SCHEDULE_RETRY_BASE_SECONDS: positiveInt.default(defaultRetry.baseDelayMs / 1000),
  ATTACHE_SCHEDULE_RETRY_MAX_SECONDS: positiveInt.default(defaultRetry.maxDelayMs / 1000),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  publicUrl: string;
  chromiumPath: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  limits: {
    bodyBytes: number;
    depth: number;
    cost: number;
    aliases: number;
    tokens: number;
    /** Search work per request, in `searchCost` units (src/search/query.ts). */
    searchCost: number;
    /**
     * Values a response can hold (every field of every object, scalars included), every list
     * counted as full (src/graphql/result-size.ts).
     */
    values: number;
    /** Memory for repeated reads' responses, in MiB of JSON (0: no cache). */
    responseCacheMegabytes: number;
  };
  renderConcurrency: number;
  /** Anonymous requests may read (never write); otherwise every request needs an API key. */
  publicRead: boolean;
  /** Banner per locale; a known English label (UNCLASSIFIED…) is translated when no zh is set. */
  classification: { en: string; zh?: string };
  /** The drafter line per locale; none printed when unset. */
  drafter: { en?: string; zh?: string };
  scheduler: { enabled: boolean; tickMs: number };
  /** Signed brief links: the HMAC secret (null: one generated and kept in the data directory). */
  links: { secret: string | null; lifetimeMs: number };
  /** Origins a browser may call the API from (none by default). */
  corsOrigins: string[];
  /** How long a request waits for the database (another process writing) before BUSY. */
  busyTimeoutMs: number;
  /** /readyz reports not ready below this much free space in the data directory. */
  minFreeBytes: number;
  delivery: {
    smtpUrl: string | null;
    mailFrom: string;
    webhookTimeoutMs: number;
    /** Non-public webhook destinations an admin allows (none by default). */
    webhookAllow: WebhookAllowList;
  };
  /** How scheduled runs retry before giving up. */
  retry: RetryPolicy;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.ATTACHE_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: e.ATTACHE_DB_FILE ? path.resolve(e.ATTACHE_DB_FILE) : path.join(dataDir, "attache.db"),
    publicUrl: (e.ATTACHE_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    chromiumPath: e.CHROMIUM_PATH,
    logLevel: e.LOG_LEVEL,
    limits: {
      bodyBytes: e.ATTACHE_MAX_BODY_BYTES,
      depth: e.ATTACHE_MAX_DEPTH,
      cost: e.ATTACHE_MAX_COST,
      aliases: e.ATTACHE_MAX_ALIASES,
      tokens: e.ATTACHE_MAX_TOKENS,
      searchCost: e.ATTACHE_MAX_SEARCH_COST,
      values: e.ATTACHE_MAX_VALUES ?? e.ATTACHE_MAX_OBJECTS ?? 100_000,
      responseCacheMegabytes: e.ATTACHE_RESPONSE_CACHE_MB,
    },
    renderConcurrency: e.ATTACHE_RENDER_CONCURRENCY,
    publicRead: e.ATTACHE_PUBLIC_READ,
    classification: {
      en: e.ATTACHE_CLASSIFICATION,
      ...(e.ATTACHE_CLASSIFICATION_ZH ? { zh: e.ATTACHE_CLASSIFICATION_ZH } : {}),
    },
    drafter: {
      ...(e.ATTACHE_DRAFTER ? { en: e.ATTACHE_DRAFTER } : {}),
      ...(e.ATTACHE_DRAFTER_ZH ? { zh: e.ATTACHE_DRAFTER_ZH } : {}),
    },
    scheduler: { enabled: e.ATTACHE_SCHEDULER === "on", tickMs: e.ATTACHE_SCHEDULER_TICK_MS },
    delivery: {
      smtpUrl: e.ATTACHE_SMTP_URL ?? null,
      mailFrom: e.ATTACHE_MAIL_FROM,
      webhookTimeoutMs: e.ATTACHE_WEBHOOK_TIMEOUT_MS,
      webhookAllow: e.ATTACHE_WEBHOOK_ALLOW,
    },
    retry: {
      maxAttempts: e.ATTACHE_SCHEDULE_MAX_ATTEMPTS,
      baseDelayMs: e.ATTACHE_SCHEDULE_RETRY_BASE_SECONDS * 1000,
      maxDelayMs: e.ATTACHE_SCHEDULE_RETRY_MAX_SECONDS * 1000,
    },
    links: {
      secret: e.ATTACHE_LINK_SECRET ?? null,
      lifetimeMs: e.ATTACHE_LINK_LIFETIME_HOURS * 3_600_000,
    },
    corsOrigins: e.ATTACHE_CORS_ORIGINS,
    busyTimeoutMs: e.ATTACHE_BUSY_TIMEOUT_MS,
    minFreeBytes: e.ATTACHE_MIN_FREE_MB * 1024 * 1024,
  };
}
