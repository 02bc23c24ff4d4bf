// A draft as a dataset file a person reviews: the records in the seeds' YAML layout, each under a
// comment with its confidence, locator and what to check; the references to stored records and
// the article-wide review list at the top. Comments do not change what `attache import` reads.
import YAML, { isMap, isSeq } from "yaml";
import { seedsLayout } from "../dataset/export.ts";
import type { Draft } from "./draft.ts";

export function renderDraft(draft: Draft, heading: string): string {
  // Records share arrays (between); the file repeats them rather than using YAML aliases.
  const doc = seedsLayout(new YAML.Document(draft.file, { aliasDuplicateObjects: false }));
  const contents = doc.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      const section = String((pair.key as { value: unknown }).value);
      if (!isSeq(pair.value)) continue;
      pair.value.items.forEach((item, i) => {
        const note = draft.notes.filter((n) => n.section === section)[i];
        if (!note) return;
        const where = note.locator ? ` · ${note.locator}` : "";
        const lines = [`confidence ${note.confidence.toFixed(2)}${where}`];
        if (note.review.length > 0) lines.push(`review: ${note.review.join("; ")}`);
        (item as { commentBefore?: string }).commentBefore = lines.map((l) => ` ${l}`).join("\n");
      });
    }
  }
  const header = [
    ` ${heading}`,
    " A draft made by `attache ingest`: review it (the comments say what the extractor was unsure",
    " of), then load it with `node bin/attache.mjs import FILE`.",
  ];
  if (draft.references.length > 0) {
    header.push("", " Already stored, referenced by key and not drafted again:");
    for (const r of draft.references) {
      header.push(`   ${r.section}: ${r.key}${r.locator ? ` (${r.locator})` : ""}`);
    }
  }
  if (draft.review.length > 0) {
    header.push("", " To review:");
    for (const line of draft.review) header.push(`   - ${line}`);
  }
  doc.commentBefore = header.join("\n");
  return doc.toString({ lineWidth: 0 });
}
