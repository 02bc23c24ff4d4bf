// What changed in a weekly summary's period: partnership steps, project status, and records
// entered during the period about earlier dates (bounded: the count, and the ten latest).
import { and, count, desc, eq, gte, lt } from "drizzle-orm";
import * as t from "../../db/schema.ts";
import { addDays } from "../../domain/dates.ts";
import { overlaps } from "../../domain/partial-date.ts";
import type { BriefModel, Changes, LateRecord } from "../model.ts";
import { type GatherContext, pair } from "./context.ts";

const LATE_SHOWN = 10;

export async function changes(
  context: GatherContext,
  model: Pick<BriefModel, "partnership" | "projects">,
): Promise<Changes> {
  const { spec, db, relationship } = context;
  const { from, to } = spec.period;
  // Entered during the period (UTC days), about a date before it.
  const enteredFrom = `${from}T00:00:00.000Z`;
  const enteredTo = `${addDays(to, 1)}T00:00:00.000Z`;
  const eventScope = and(
    eq(t.events.relationshipId, relationship.id),
    gte(t.events.createdAt, enteredFrom),
    lt(t.events.createdAt, enteredTo),
    lt(t.events.dateFrom, from),
  );
  const [total] = await db.select({ n: count() }).from(t.events).where(eventScope);
  const rows = await db
    .select({ date: t.events.date, en: t.events.titleEn, zh: t.events.titleZh })
    .from(t.events)
    .where(eventScope)
    .orderBy(desc(t.events.dateFrom), desc(t.events.id))
    .limit(LATE_SHOWN);
  const docScope = and(
    eq(t.documents.relationshipId, relationship.id),
    gte(t.documents.createdAt, enteredFrom),
    lt(t.documents.createdAt, enteredTo),
    lt(t.documents.dateFrom, from),
  );
  const [docTotal] = await db.select({ n: count() }).from(t.documents).where(docScope);
  const docs = await db
    .select({ date: t.documents.date, en: t.documents.titleEn, zh: t.documents.titleZh })
    .from(t.documents)
    .where(docScope)
    .orderBy(desc(t.documents.dateFrom), desc(t.documents.id))
    .limit(LATE_SHOWN);
  const shown: LateRecord[] = [
    ...rows.map((r) => ({ date: r.date, kind: "engagement" as const, label: pair(r.en, r.zh) })),
    ...docs.map((r) => ({
      date: r.date ?? "",
      kind: "document" as const,
      label: pair(r.en, r.zh),
    })),
  ]
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, LATE_SHOWN);
  return {
    partnership: model.partnership.history.filter((h) => h.since >= from && h.since <= to),
    // A status that changed: its step is dated in the period (a mere mention changes nothing).
    projects: model.projects
      .filter((p) => p.status && p.statusSince && overlaps(p.statusSince, from, to))
      .map((project) => ({ project, status: project.status as string })),
    late: { total: (total?.n ?? 0) + (docTotal?.n ?? 0), shown },
  };
}
