// Schedules under test: a real database, a clock the test moves, real briefs through one shared
// Chromium pool, and schedulers that may deliver to loopback (as ATTACHE_WEBHOOK_ALLOW would allow).
import { BriefService } from "../../src/briefs/service.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { createGraphQLHandler } from "../../src/graphql/yoga.ts";
import { allowNothing, parseAllowList } from "../../src/net/allow-list.ts";
import type { BrowserPool } from "../../src/render/browser.ts";
import type { DeliveryPolicy } from "../../src/schedule/definition.ts";
import { Scheduler, type SchedulerOptions } from "../../src/schedule/scheduler.ts";
import { createTestDb } from "./db.ts";

export const loopback = parseAllowList("127.0.0.0/8, ::1");
export const loopbackPolicy: DeliveryPolicy = { allow: loopback, smtpConfigured: true };
export const LINK_SECRET = "test-link-secret-0123456789abcdef0123456789";

export function scheduleEnv(start: string, pool: BrowserPool) {
  const t = createTestDb();
  const clock = {
    at: new Date(start),
    now() {
      return this.at;
    },
  };
  const briefs = new BriefService({ db: t.db, dataDir: t.dir, pool, clock: () => clock.at });
  const make = (
    options: Partial<Omit<SchedulerOptions, "delivery">> & {
      smtpUrl?: string;
      webhookTimeoutMs?: number;
    } = {},
  ) =>
    new Scheduler({
      db: t.db,
      briefs,
      clock,
      publicUrl: "http://attache.test",
      linkSecret: LINK_SECRET,
      retry: { baseDelayMs: 60_000, maxAttempts: 3 },
      ...options,
      delivery: {
        smtpUrl: options.smtpUrl ?? null,
        mailFrom: "attache@test",
        webhookTimeoutMs: options.webhookTimeoutMs ?? 5_000,
        webhookAllow: loopback,
      },
    });
  const at = (iso: string) => ({ actor: "test", now: new Date(iso) });
  return { ...t, clock, briefs, make, at, cli: { actor: "test" } };
}

/**
 * The GraphQL handler the server builds, with real briefs and a scheduler whose SMTP server is
 * configured (so email targets are accepted) but where nothing listens, and webhooks only to
 * public addresses.
 */
export function schedulesGraphQL(db: Db, dataDir: string, pool: BrowserPool) {
  const briefs = new BriefService({ db, dataDir, pool });
  const scheduler = new Scheduler({
    db,
    briefs,
    publicUrl: "http://attache.test",
    delivery: {
      smtpUrl: "smtp://127.0.0.1:9",
      mailFrom: "a@test",
      webhookTimeoutMs: 1000,
      webhookAllow: allowNothing,
    },
  });
  const yoga = createGraphQLHandler(db, loadConfig({}).limits, undefined, { briefs, scheduler });
  return { briefs, scheduler, yoga };
}
