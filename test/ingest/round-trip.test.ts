// Article → draft → import → briefing note, on every held-out report, without editing the draft;
// then a second ingest with merge drafts nothing new.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { gather } from "../../src/briefs/gather.ts";
import { exportDataset } from "../../src/dataset/export.ts";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { importDataset } from "../../src/dataset/write.ts";
import { draftFromArticle } from "../../src/ingest/draft-article.ts";
import type { Gold } from "../../src/ingest/evaluate.ts";
import { renderDraft } from "../../src/ingest/render.ts";
import { storedFromDataset } from "../../src/ingest/stored.ts";
import { renderHtml } from "../../src/render/html.ts";
import { createTestDb } from "../support/db.ts";

const goldDir = path.resolve("test/fixtures/ingest-gold");
const heldOut = fs
  .readdirSync(goldDir)
  .map(
    (f) => YAML.parse(fs.readFileSync(path.join(goldDir, f), "utf8"), { schema: "core" }) as Gold,
  )
  .filter((g) => g.split === "held-out");

const plain = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("the round trip on reports kept out of rule development", () => {
  for (const gold of heldOut) {
    it(`${gold.article}: imports as drafted and yields a note naming its meeting, participants and document`, async () => {
      const { db } = createTestDb();
      const published = String(gold.published);
      const input = {
        text: fs.readFileSync(path.resolve("test/fixtures/articles", gold.article), "utf8"),
        publication: gold.publication,
        publishedOn: published,
        url: gold.url,
      };
      const stored = async () =>
        storedFromDataset((await exportDataset(db)) as Record<string, unknown>);
      const draft = draftFromArticle(input, await stored());
      expect(
        draft.review.filter((r) => r.startsWith("left out")),
        "records the format refused",
      ).toEqual([]);

      const report = await importDataset(
        db,
        [parseDatasetText(`${gold.article}.yaml`, renderDraft(draft, gold.article))],
        {
          actor: "test",
        },
      );
      expect(report.created).toBeGreaterThan(0);

      const event = draft.file.events?.[0];
      const pair = event?.between as [string, string];
      const model = await gather(db, {
        template: "briefing-note",
        between: pair,
        period: { from: `${published.slice(0, 4)}-01-01`, to: published },
        asOf: published,
        locale: "zh",
        format: "A4",
      });
      const { html } = renderHtml(model, {
        locale: "zh",
        format: "A4",
        classification: null,
        drafter: null,
      });
      const text = plain(html);
      for (const name of gold.events[0]?.participants ?? []) expect(text, name).toContain(name);
      expect(text).toContain(event?.title.zh?.includes("会见") ? "会见" : "会谈");
      for (const document of gold.documents) expect(text).toContain(document.title);

      // Ingested again, with merge: everything is stored already.
      const again = draftFromArticle(input, await stored(), { merge: true });
      expect(Object.keys(again.file)).toEqual(["format"]);
      expect(again.notes).toEqual([]);
    });
  }
});
