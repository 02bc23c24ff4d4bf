// Messages signed with a server-side secret (brief links, unsubscribe tokens): HMAC-SHA256 in
// base64url, compared in constant time so a guess learns nothing from how long a refusal takes.
import { createHmac, timingSafeEqual } from "node:crypto";

export function mac(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message).digest("base64url");
}

export function macMatches(secret: string, message: string, given: string): boolean {
  const expected = Buffer.from(mac(secret, message));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
