// Where the templates live, and the one locale string read outside a brief (what a summary is
// called, for mail subjects and webhook payloads) without loading the renderer.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locale } from "../domain/locale.ts";

/** The templates shipped with the service. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

type SummaryStrings = { doc: Record<string, { kind: string }> };

/** What a summary of a cadence is called in a locale ("Weekly summary", "周报"). */
export function summaryName(cadence: "daily" | "weekly" | "monthly", locale: Locale): string {
  const file = path.join(TEMPLATES_DIR, "locales", `${locale}.json`);
  const strings = JSON.parse(fs.readFileSync(file, "utf8")) as SummaryStrings;
  return strings.doc[`${cadence}-summary`]?.kind ?? cadence;
}
