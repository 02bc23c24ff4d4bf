// `attache keys create|list|revoke`: API keys, made and revoked by whoever holds the database.
import { parseArgs } from "node:util";
import { createApiKey, KeyError, listApiKeys, revokeApiKey } from "../auth/keys.ts";
import { roles } from "../auth/roles.ts";
import { migrateDatabase, openDatabase } from "../db/client.ts";
import { CliError, type Command } from "./io.ts";

const usage = `usage: attache keys create --role ${roles.join("|")} --name NAME
       attache keys list [--json]
       attache keys revoke NAME`;

export const keysCommand: Command = async ([action, ...rest], config) => {
  if (action !== "create" && action !== "list" && action !== "revoke") {
    throw new CliError(usage, 2);
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      name: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const db = openDatabase(config.dbFile);
  try {
    migrateDatabase(db);
    if (action === "create") {
      if (!values.role || !values.name) throw new CliError(usage, 2);
      const { key, token } = createApiKey(db, { name: values.name, role: values.role }, "cli");
      // The token alone on stdout (TOKEN=$(attache keys create …) works); the words on stderr.
      process.stderr.write(
        `Created the ${key.role} key "${key.name}". Its token is shown only this once; keep it:\n`,
      );
      process.stdout.write(`${token}\n`);
      process.stderr.write('Send it as the header "Authorization: Bearer <token>".\n');
      return 0;
    }
    if (action === "revoke") {
      const [name] = positionals;
      if (!name) throw new CliError(usage, 2);
      const key = revokeApiKey(db, name, "cli");
      process.stdout.write(`revoked "${key.name}" (${key.role}) at ${key.revokedAt}\n`);
      return 0;
    }
    const keys = listApiKeys(db);
    if (values.json) {
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
  } catch (error) {
    if (error instanceof KeyError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    db.$client.close();
  }
};
