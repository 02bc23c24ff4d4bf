// Unsubscribing by the signed link an email carries: removes exactly that address's target.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { scheduleTargets } from "../db/schema.ts";
import { verifyUnsubscribeToken } from "./messages.ts";
import { removeTarget } from "./store.ts";

export type Unsubscribed = { address: string; alreadyRemoved: boolean };

/** The address a token names, or null when the token is not ours. */
export async function unsubscribeTarget(db: Db, secret: string, token: string) {
  const id = verifyUnsubscribeToken(secret, token);
  if (id === null) return null;
  const [target] = await db.select().from(scheduleTargets).where(eq(scheduleTargets.id, id));
  return target?.kind === "email" ? target : null;
}

export async function unsubscribe(
  db: Db,
  secret: string,
  token: string,
): Promise<Unsubscribed | null> {
  const target = await unsubscribeTarget(db, secret, token);
  if (!target) return null;
  if (!target.removedAt)
    await removeTarget(db, target.id, { actor: `unsubscribe:${target.address}` });
  return { address: target.address as string, alreadyRemoved: target.removedAt !== null };
}
