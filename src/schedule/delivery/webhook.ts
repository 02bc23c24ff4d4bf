// Webhook delivery, signed as the Standard Webhooks convention describes:
// webhook-id, webhook-timestamp, webhook-signature = "v1," + base64(HMAC-SHA256(secret, id.ts.body)).
import { createHmac } from "node:crypto";

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export type WebhookMessage = { id: string; payload: unknown };

/** POSTs once; throws on a network error, a timeout or a non-2xx answer. */
export async function postWebhook(
  target: { url: string; secret: string },
  message: WebhookMessage,
  { timeoutMs, now }: { timeoutMs: number; now: Date },
): Promise<void> {
  const body = JSON.stringify(message.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const response = await fetch(target.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Attache-Webhooks/1",
      "webhook-id": message.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook(target.secret, message.id, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "manual",
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`webhook ${target.url} answered ${response.status}`);
  }
}
