// What a reader's downloads folder should show for a brief.
import type { BriefSpec } from "./model.ts";

/** `CN-KG-briefing-note-2025-11-24-en.pdf`. */
export function briefFileName(row: { spec: unknown }, extension = "pdf"): string {
  const spec = row.spec as BriefSpec;
  const subject = spec.template === "event-brief" && spec.event ? `-${spec.event}` : "";
  return `${spec.between.join("-")}-${spec.template}${subject}-${spec.asOf}-${spec.locale}.${extension}`;
}
