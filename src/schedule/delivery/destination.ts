// Where webhooks may go. Only public unicast addresses, unless an admin allow-lists a host name or
// an address range (ATTACHE_WEBHOOK_ALLOW). Checked when a target is saved and again when each
// request connects (a name may resolve elsewhere by then), on the address actually dialled.
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { addressAllowed, type WebhookAllowList } from "../../net/allow-list.ts";

/** Why a URL may not receive webhooks, or null. Host names are resolved (all their addresses). */
export async function destinationProblem(
  raw: string,
  allow: WebhookAllowList,
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "a webhook URL must be http(s)";
  if (url.username || url.password) {
    return "credentials do not belong in a webhook URL: the signature authenticates the sender";
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (allow.hosts.has(host)) return null;
  // The URL parser has already turned numeric tricks (2130706433, 0x7f.1) into dotted addresses.
  if (ipaddr.isValid(host)) return addressAllowed(host, allow) ? null : forbidden;
  const addresses = await dns.promises.lookup(host, { all: true }).catch(() => []);
  // A name that does not resolve yet is checked again when a delivery connects.
  return addresses.every((a) => addressAllowed(a.address, allow)) ? null : forbidden;
}

const forbidden =
  "this address is not public; an admin can allow it with ATTACHE_WEBHOOK_ALLOW (host or CIDR)";

/** The error a delivery gets when its destination is refused: it names no address or port. */
export class DestinationRefused extends Error {
  readonly code = "EDESTINATION";
  constructor() {
    super("destination not allowed");
  }
}

/** A DNS lookup for http.request that refuses forbidden addresses before connecting. */
export function guardedLookup(host: string, allow: WebhookAllowList): LookupFunction {
  const allowedByName = allow.hosts.has(host.toLowerCase());
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const usable = addresses.filter((a) => allowedByName || addressAllowed(a.address, allow));
      if (usable.length === 0 || usable.length < addresses.length) {
        return callback(new DestinationRefused(), "", 0);
      }
      if (options.all) return callback(null, usable as never);
      const [first] = usable as [dns.LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

/** Checks an IP-literal host (no lookup happens for those) before a request is made. */
export function literalAllowed(host: string, allow: WebhookAllowList): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return true;
  return allow.hosts.has(bare.toLowerCase()) || addressAllowed(bare, allow);
}
