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
  // Records of one table entered in the period about earlier dates: how many, and the latest.
  const late = async (table: typeof t.events | typeof t.documents, kind: LateRecord["kind"]) => {
    const scope = and(
      eq(table.relationshipId, relationship.id),
      gte(table.createdAt, enteredFrom),
      lt(table.createdAt, enteredTo),
      lt(table.dateFrom, from),
    );
    const [total] = await db.select({ n: count() }).from(table).where(scope);
    const rows = await db
      .select({ date: table.date, en: table.titleEn, zh: table.titleZh })
      .from(table)
      .where(scope)
      .orderBy(desc(table.dateFrom), desc(table.id))
      .limit(LATE_SHOWN);
    const shown = rows.map((r) => ({ date: r.date ?? "", kind, label: pair(r.en, r.zh) }));
    return { total: total?.n ?? 0, shown };
  };
  const engagements = await late(t.events, "engagement");
  const documents = await late(t.documents, "document");
  const shown: LateRecord[] = [...engagements.shown, ...documents.shown]
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, LATE_SHOWN);
  return {
    // A step a source merely attests is not a change made in the period.
    partnership: model.partnership.history.filter(
      (h) => !h.attested && h.since >= from && h.since <= to,
    ),
    // A status that changed: its step is dated in the period (a mere mention changes nothing).
    projects: model.projects
      .filter((p) => p.status && p.statusSince && overlaps(p.statusSince, from, to))
      .map((project) => ({ project, status: project.status as string })),
    late: { total: engagements.total + documents.total, shown },
  };
}
