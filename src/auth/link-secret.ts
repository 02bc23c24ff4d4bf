// The secret that signs brief links: from ATTACHE_LINK_SECRET, or made once and kept in the data
// directory (readable by its owner only), so links outlive a restart. Never a built-in default.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Config, ConfigError } from "../config.ts";
import { makePrivateDir, PRIVATE_FILE } from "../db/private-files.ts";

const LINK_SECRET_FILE = "link-secret";

export function linkSecret(config: Pick<Config, "links" | "dataDir">): string {
  if (config.links.secret) return config.links.secret;
  const file = path.join(config.dataDir, LINK_SECRET_FILE);
  try {
    makePrivateDir(config.dataDir);
    // "wx": of two processes starting at once, one writes and both read the same secret.
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), {
      flag: "wx",
      mode: PRIVATE_FILE,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new ConfigError(
        `cannot keep the link secret in ${file} (${(error as NodeJS.ErrnoException).code}): make the data directory writable or set ATTACHE_LINK_SECRET`,
      );
    }
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new ConfigError(`${file} holds no usable secret: delete it`);
  return secret;
}
