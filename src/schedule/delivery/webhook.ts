// Webhook delivery, signed as the Standard Webhooks convention describes:
// webhook-id, webhook-timestamp, webhook-signature = "v1," + base64(HMAC-SHA256(secret, id.ts.body)),
// several space-separated signatures while a rotated secret's grace period lasts.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { WebhookAllowList } from "../../net/allow-list.ts";
import { DeliveryAbandoned } from "./abandoned.ts";
import { DestinationRefused, guardedLookup, literalAllowed } from "./destination.ts";

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export type WebhookMessage = { id: string; payload: unknown };

/** A failed delivery, with the cause a person can act on (ECONNREFUSED, timeout, HTTP 500). */
export class DeliveryError extends Error {}

const causes: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "timed out",
  EDESTINATION: "destination not allowed",
};

/**
 * POSTs once, to an allowed destination only, following no redirect; throws a DeliveryError on a
 * network error, a timeout or a non-2xx answer. Nothing of the answer's body is kept.
 * `timeoutMs` bounds the whole exchange (lookup, connect, send, the answer's head and body), not
 * only idle time: a receiver that trickles its answer a byte at a time is cut off at the deadline.
 * `signal` aborts the attempt early (a scheduler that is stopping).
 */
export function postWebhook(
  target: { url: string; secrets: string[] },
  message: WebhookMessage,
  options: { timeoutMs: number; allow: WebhookAllowList; signal?: AbortSignal },
): Promise<void> {
  const body = JSON.stringify(message.payload);
  // The time of sending, which receivers compare with their own clocks against replays.
  const timestamp = Math.floor(Date.now() / 1000);
  const url = new URL(target.url);
  if (!literalAllowed(url.hostname, options.allow)) {
    return Promise.reject(failure(new DestinationRefused()));
  }
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(failure(aborted()));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: DeliveryError) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    const request = client.request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "user-agent": "Attache-Webhooks/1",
        "webhook-id": message.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": target.secrets
          .map((secret) => signWebhook(secret, message.id, timestamp, body))
          .join(" "),
      },
      lookup: guardedLookup(url.hostname, options.allow),
    });
    // One deadline for the whole exchange; it also ends an answer whose body is still trickling
    // after its status settled the attempt, so no socket outlives it.
    const deadline = setTimeout(() => {
      request.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" }));
    }, options.timeoutMs);
    const onAbort = () => request.destroy(aborted());
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      clearTimeout(deadline);
      signal?.removeEventListener("abort", onAbort);
    };
    request.on("close", done);
    request.on("error", (error) => {
      done();
      settle(failure(error));
    });
    request.on("response", (response) => {
      response.on("error", () => {}); // cut off at the deadline after the status was read
      response.on("end", done);
      response.on("close", done);
      response.resume();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) settle();
      else if (status >= 300 && status < 400) {
        settle(new DeliveryError(`answered HTTP ${status}; redirects are not followed`));
      } else settle(new DeliveryError(`answered HTTP ${status}`));
    });
    request.end(body);
  });
}

function aborted(): Error {
  return Object.assign(new Error("aborted"), { code: "ABORT_ERR" });
}

function failure(error: Error & { code?: string }): Error {
  const code = error.code ?? "error";
  if (code === "ETIMEDOUT") return new DeliveryError("no answer in time (timeout)");
  if (code === "ABORT_ERR") return new DeliveryAbandoned();
  return new DeliveryError(`${causes[code] ?? "network error"} (${code})`);
}
