// A relationship the seeds do not have (Kyrgyzstan–Uzbekistan), added only through an import
// file, can be queried and briefed at once: real SQLite, real GraphQL, real Chromium, real PDF.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BriefService } from "../../src/briefs/service.ts";
import { parseDatasetText } from "../../src/dataset/load.ts";
import { importDataset } from "../../src/dataset/write.ts";
import { BrowserPool } from "../../src/render/browser.ts";
import { createTestDb, type TestDb } from "../support/db.ts";
import { graphqlClient } from "../support/graphql.ts";
import { pdfText } from "../support/pdf-text.ts";

const file = `sources:
  - key: kabar-2026-06-02
    publication: { en: Kabar, zh: 卡巴尔通讯社 }
    title: { en: Presidents of Kyrgyzstan and Uzbekistan meet in Osh, zh: 吉乌两国总统在奥什会晤 }
    language: ru
    publishedOn: 2026-06-02
people:
  - key: shavkat-mirziyoyev
    name: { en: Shavkat Mirziyoyev, zh: 米尔济约耶夫 }
    country: UZ
    offices:
      - { title: { en: President of Uzbekistan, zh: 乌兹别克斯坦总统 }, from: 2016-12-14, sources: [kabar-2026-06-02] }
relationships:
  - between: [UZ, KG]
    summary: { en: Neighbours in the Fergana valley, zh: 费尔干纳盆地的邻国 }
    partnerships:
      - { level: strategic_partnership, since: 2017-10-05, sources: [kabar-2026-06-02] }
events:
  - key: 2026-06-01-osh-summit
    between: [KG, UZ]
    type: summit
    date: 2026-06-01
    host: KG
    place: { en: Osh, zh: 奥什 }
    title: { en: Kyrgyzstan–Uzbekistan summit in Osh, zh: 吉乌奥什峰会 }
    topics: [connectivity]
    participants:
      - { person: sadyr-japarov, role: host }
      - { person: shavkat-mirziyoyev, role: guest }
    sources: [{ source: kabar-2026-06-02, locator: para 1 }]
documents:
  - key: 2026-06-01-osh-border-agreement
    kind: agreement
    action: signed
    title: { en: Agreement on border crossings, zh: 边境口岸协定 }
    date: 2026-06-01
    event: 2026-06-01-osh-summit
    parties: [KG, UZ]
    sources: [kabar-2026-06-02]
`;

let t: TestDb;
let pool: BrowserPool;
let service: BriefService;
beforeAll(async () => {
  t = createTestDb();
  await importDataset(t.db, [parseDatasetText("kg-uz.yaml", file)], { actor: "test" });
  pool = new BrowserPool();
  service = new BriefService({ db: t.db, dataDir: t.dir, pool });
});
afterAll(async () => {
  await service.idle();
  await pool.close();
});

describe("a relationship added only by an import file", () => {
  it("can be queried at once", async () => {
    const gql = await graphqlClient(t.db);
    const { data, errors } = await gql(`{
      relationship(between: ["KG", "UZ"]) {
        key summary partnership { level { label } since }
        events(first: 5) { nodes { title participants { person { name } } documents { title } } }
      }
      search(query: "奥什", kinds: [EVENT]) { node { ... on Event { key } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      relationship: {
        key: "KG-UZ",
        summary: "Neighbours in the Fergana valley",
        partnership: { level: { label: "strategic partnership" }, since: "2017-10-05" },
        events: {
          nodes: [
            {
              title: "Kyrgyzstan–Uzbekistan summit in Osh",
              participants: [
                { person: { name: "Sadyr Japarov" } },
                { person: { name: "Shavkat Mirziyoyev" } },
              ],
              documents: [{ title: "Agreement on border crossings" }],
            },
          ],
        },
      },
      search: [{ node: { key: "2026-06-01-osh-summit" } }],
    });
  });

  it("can be briefed at once", async () => {
    const brief = await service.generate(
      { between: ["UZ", "KG"], asOf: "2026-06-30" },
      { waitMs: 90_000 },
    );
    expect(brief.status, brief.error ?? "").toBe("done");
    const text = await pdfText(fs.readFileSync(service.filePath(brief.file as string)));
    expect(text).toMatch(
      /On 1 June 2026 in Osh, President of Uzbekistan Shavkat Mirziyoyev[\s\S]*held a\s+summit/,
    );
    expect(text).toContain("Agreement on border crossings");
    expect(text).toContain("Kabar");
  }, 120_000);
});
