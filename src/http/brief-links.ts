// Links to brief files. A plain link needs an API key (or ATTACHE_PUBLIC_READ); a signed link
// carries an expiry and an HMAC over the brief's public id and that expiry, so whoever holds it
// (an email's reader, a webhook receiver) may fetch the files until it expires.
import { linkSecret } from "../auth/link-secret.ts";
import { mac, macMatches } from "../auth/mac.ts";
import type { Config } from "../config.ts";

export type BriefFileExtension = "pdf" | "html";

export type BriefLinks = {
  /** A link that needs no key, valid for the configured lifetime. */
  signed(publicId: string, extension: BriefFileExtension): string;
  /** Whether a signed link's expiry and signature are genuine and not yet expired. */
  verify(publicId: string, expires: string | null, signature: string | null): boolean;
};

export type BriefLinkOptions = {
  publicUrl: string;
  secret: string;
  lifetimeMs: number;
  clock?: () => Date;
};

export function createBriefLinks({
  publicUrl,
  secret,
  lifetimeMs,
  clock = () => new Date(),
}: BriefLinkOptions): BriefLinks {
  const signed = (publicId: string, expires: string) => `${publicId}\n${expires}`;
  return {
    signed(publicId, extension) {
      const expires = String(Math.floor((clock().getTime() + lifetimeMs) / 1000));
      const query = new URLSearchParams({
        expires,
        signature: mac(secret, signed(publicId, expires)),
      });
      return `${publicUrl}/briefs/${publicId}.${extension}?${query}`;
    },
    verify(publicId, expires, signature) {
      if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
      if (Number(expires) * 1000 <= clock().getTime()) return false;
      return macMatches(secret, signed(publicId, expires), signature);
    },
  };
}

/** The links of this deployment: ATTACHE_PUBLIC_URL, the configured (or kept) secret, lifetime. */
export function briefLinksFromConfig(
  config: Pick<Config, "publicUrl" | "links" | "dataDir">,
): BriefLinks {
  return createBriefLinks({
    publicUrl: config.publicUrl,
    secret: linkSecret(config),
    lifetimeMs: config.links.lifetimeMs,
  });
}
