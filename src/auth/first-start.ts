// `npm start` on a database without an active admin key makes one and shows its token, once.
import type { Db } from "../db/client.ts";
import type { Logger } from "../log.ts";
import { ensureAdminKey } from "./keys.ts";

/**
 * Creates the first admin key if no admin key is active, prints its token on stdout (never to the
 * log) and returns the key's name; null when there was one already.
 */
export async function createFirstAdminKey(
  db: Db,
  logger?: Logger,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<string | null> {
  const created = await ensureAdminKey(db);
  if (!created) return null;
  logger?.info("created an admin API key: no admin key was active", { name: created.name });
  write(
    [
      `No admin API key was active, so one named "${created.name}" was created.`,
      `Admin API token (shown only this once, keep it): ${created.token}`,
      `  Send it as the header "Authorization: Bearer <token>" (GraphiQL: the Headers tab).`,
      "  More keys: node bin/attache.mjs keys create --role viewer|editor|admin --name NAME",
      "",
    ].join("\n"),
  );
  return created.name;
}
