// Each section builder reads the stored records through one adapter here, so that a field the
// data model adds (document action, statement side "joint" and kind "willingness", event parent,
// partial dates) replaces a derivation in one line.
import type { DocumentAction } from "../model.ts";

/** Joint texts are issued (发表); agreements and programmes are signed (签署). */
const ISSUED_KINDS = new Set([
  "joint_statement",
  "joint_press_release",
  "joint_communique",
  "communique",
]);

export function documentAction(row: { kind: string; action?: string | null }): DocumentAction {
  return (
    (row.action as DocumentAction | undefined) ?? (ISSUED_KINDS.has(row.kind) ? "issued" : "signed")
  );
}

export function documentDate(row: {
  signedOn: string | null;
  date?: string | null;
}): string | null {
  return row.date ?? row.signedOn;
}

/** 愿 ("is ready to") is willingness, not a commitment, whatever the record calls it. */
export function statementKind(row: {
  kind: string;
  textZh: string;
  quoteZh: string | null;
}): string {
  const zh = `${row.textZh} ${row.quoteZh ?? ""}`;
  return row.kind === "commitment" && zh.includes("愿") && !zh.includes("承诺")
    ? "willingness"
    : row.kind;
}

/** "Will study joining": a decision announced as still to be taken. */
export function isPending(row: { textEn: string; textZh: string }): boolean {
  return /研究加入|研究是否|\bstudy (joining|whether)\b/u.test(`${row.textZh} ${row.textEn}`);
}

/** The visit a meeting was part of: stored once the model has `parent`; until then, a visit on
 * the same day in the same relationship. */
export function eventParent(
  row: { id: number; startDate: string; parentKey?: string | null },
  visits: readonly { id: number; key: string; startDate: string; endDate: string | null }[],
): string | null {
  if (row.parentKey !== undefined) return row.parentKey;
  const visit = visits.find(
    (v) =>
      v.id !== row.id &&
      v.startDate <= row.startDate &&
      (v.endDate ?? v.startDate) >= row.startDate,
  );
  return visit?.key ?? null;
}

/** Event types that are visits (a visit comprises the meetings held during it). */
export const VISIT_TYPES = new Set(["visit", "host_visit", "state_visit", "official_visit"]);
