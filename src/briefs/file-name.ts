// What a reader's downloads folder should show for a brief.
import { type BriefSpec, briefDate } from "./model.ts";

/** `CN-KG-briefing-note-2025-11-24-en.pdf`: named by the as-of date, a summary by its last day. */
export function briefFileName(row: { spec: unknown }, extension = "pdf"): string {
  const spec = row.spec as BriefSpec;
  const subject = spec.template === "event-brief" ? `-${spec.event}` : "";
  return `${spec.between.join("-")}-${spec.template}${subject}-${briefDate(spec)}-${spec.locale}.${extension}`;
}
