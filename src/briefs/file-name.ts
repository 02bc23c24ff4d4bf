// What a reader's downloads folder should show for a brief.
import { briefDate, storedSpec, subjectOf } from "./model.ts";

/**
 * `CN-KG-briefing-note-2025-11-24-en.pdf`: named by the as-of date, a summary by its last day and
 * its scope (`KG-weekly-summary-…`, `CN-KG+CN-UZ-weekly-summary-…`).
 */
export function briefFileName(row: { spec: unknown }, extension = "pdf"): string {
  const spec = storedSpec(row.spec);
  const subject = spec.template === "event-brief" ? `-${spec.event}` : "";
  return `${subjectOf(spec).join("+")}-${spec.template}${subject}-${briefDate(spec)}-${spec.locale}.${extension}`;
}
