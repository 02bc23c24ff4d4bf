// Webhook delivery, signed as the Standard Webhooks convention describes:
// webhook-id, webhook-timestamp, webhook-signature = "v1," + base64(HMAC-SHA256(secret, id.ts.body)),
// several space-separated signatures while a rotated secret's grace period lasts.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { WebhookAllowList } from "../../net/allow-list.ts";
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
 */
export function postWebhook(
  target: { url: string; secrets: string[] },
  message: WebhookMessage,
  options: { timeoutMs: number; allow: WebhookAllowList },
): Promise<void> {
  const body = JSON.stringify(message.payload);
  // The time of sending, which receivers compare with their own clocks against replays.
  const timestamp = Math.floor(Date.now() / 1000);
  const url = new URL(target.url);
  if (!literalAllowed(url.hostname, options.allow)) {
    return Promise.reject(failure(new DestinationRefused()));
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
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
      timeout: options.timeoutMs,
    });
    request.on("timeout", () => {
      request.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" }));
    });
    request.on("error", (error) => reject(failure(error)));
    request.on("response", (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) resolve();
      else if (status >= 300 && status < 400) {
        reject(new DeliveryError(`answered HTTP ${status}; redirects are not followed`));
      } else reject(new DeliveryError(`answered HTTP ${status}`));
    });
    request.end(body);
  });
}

function failure(error: Error & { code?: string }): DeliveryError {
  const code = error.code ?? "error";
  if (code === "ETIMEDOUT") return new DeliveryError("no answer in time (timeout)");
  return new DeliveryError(`${causes[code] ?? "network error"} (${code})`);
}
