// `attache keys create|list|revoke`: API keys, made and revoked by whoever holds the database.
import { createApiKey, listApiKeys, revokeApiKey } from "../auth/keys.ts";
import type { Config } from "../config.ts";
import { withDatabase } from "./database.ts";

export const create = (config: Config, options: { role: string; name: string }) =>
  withDatabase(config, async (db) => {
    const { key, token } = await createApiKey(db, options, "cli");
    // The token alone on stdout (TOKEN=$(attache keys create …) works); the words on stderr.
    process.stderr.write(
      `Created the ${key.role} key "${key.name}". Its token is shown only this once; keep it:\n`,
    );
    process.stdout.write(`${token}\n`);
    process.stderr.write('Send it as the header "Authorization: Bearer <token>".\n');
    return 0;
  });

export const revoke = (config: Config, name: string) =>
  withDatabase(config, async (db) => {
    const key = await revokeApiKey(db, name, "cli");
    process.stdout.write(`revoked "${key.name}" (${key.role}) at ${key.revokedAt}\n`);
    return 0;
  });

export const list = (config: Config, options: { json?: boolean }) =>
  withDatabase(config, async (db) => {
    const keys = await listApiKeys(db);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
      return 0;
    }
    const rows = [
      ["name", "role", "prefix", "created", "last used", "status"],
      ...keys.map((k) => [
        k.name,
        k.role,
        `${k.prefix}…`,
        k.createdAt.slice(0, 16).replace("T", " "),
        k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace("T", " ") : "never",
        k.revokedAt ? `revoked ${k.revokedAt.slice(0, 10)}` : "active",
      ]),
    ];
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
    for (const row of rows) {
      process.stdout.write(
        `${row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
      );
    }
    if (keys.length === 0) process.stdout.write("(no keys yet: `attache keys create`)\n");
    return 0;
  });
