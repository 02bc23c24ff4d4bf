// Which network addresses an admin lets outgoing requests reach beyond the public internet
// (ATTACHE_WEBHOOK_ALLOW): parsed once with the configuration, applied on each address dialled.
import ipaddr from "ipaddr.js";

export type WebhookAllowList = {
  hosts: ReadonlySet<string>;
  ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
};

export const allowNothing: WebhookAllowList = { hosts: new Set(), ranges: [] };

/** "hooks.internal, 10.1.0.0/16, 127.0.0.1" → host names and CIDR ranges (an address is /32). */
export function parseAllowList(text: string): WebhookAllowList {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    if (entry.includes("/")) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else hosts.add(entry.toLowerCase());
  }
  return { hosts, ranges };
}

/** Whether a dialled address may be reached: public unicast, or inside an allowed range. */
export function addressAllowed(address: string, allow: WebhookAllowList): boolean {
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  const inRange = allow.ranges.some(
    ([net, bits]) => net.kind() === ip.kind() && ip.match(net as never, bits),
  );
  // Everything ipaddr.js classifies (loopback, private, link-local, unspecified, NAT64, 6to4…)
  // can lead inside; only what it calls plain unicast is the public internet.
  return inRange || ip.range() === "unicast";
}
