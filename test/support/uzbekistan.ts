// Two more relationships for briefs that cover several: China–Uzbekistan, with a strategic dialogue
// and a statement in the week of 17–23 November 2025, and Kyrgyzstan–Uzbekistan, with nothing.
import { datasetFileSchema } from "../../src/dataset/format.ts";
import { writeDataset } from "../../src/dataset/write.ts";
import type { Db } from "../../src/db/client.ts";

const SOURCE = "mfa-cn-2025-11-21-uz-dialogue";

export async function addUzbekistan(db: Db): Promise<void> {
  const data = {
    sources: [
      {
        key: SOURCE,
        publication: {
          en: "Ministry of Foreign Affairs of the People's Republic of China",
          zh: "中华人民共和国外交部",
        },
        title: {
          en: "Wang Yi holds the China–Uzbekistan foreign ministers' strategic dialogue",
          zh: "王毅同乌兹别克斯坦外长赛义多夫举行中乌外长战略对话",
        },
        language: "zh",
        publishedOn: "2025-11-21",
      },
    ],
    relationships: [
      {
        between: ["CN", "UZ"],
        partnerships: [
          {
            level: "all_weather_comprehensive_strategic_partnership_new_era",
            attestedOn: "2025-11-21",
            sources: [{ source: SOURCE, locator: "para 1" }],
          },
        ],
      },
      { between: ["KG", "UZ"] },
    ],
    events: [
      {
        key: "2025-11-20-cn-uz-strategic-dialogue",
        between: ["CN", "UZ"],
        type: "strategic_dialogue",
        date: "2025-11-20",
        place: { en: "Tashkent", zh: "塔什干" },
        title: {
          en: "China–Uzbekistan foreign ministers' strategic dialogue",
          zh: "中乌外长战略对话",
        },
        participants: [{ person: "wang-yi", role: "guest", side: "CN" }],
        sources: [{ source: SOURCE, locator: "para 1" }],
      },
    ],
    statements: [
      {
        key: "cn-uz-trade-2025-11-20",
        kind: "willingness",
        side: "CN",
        speaker: "wang-yi",
        event: "2025-11-20-cn-uz-strategic-dialogue",
        topics: ["trade_investment"],
        date: "2025-11-20",
        text: {
          en: "China is ready to work with Uzbekistan to expand two-way trade.",
          zh: "中方愿同乌方扩大双边贸易。",
        },
        quote: { zh: "中方愿同乌方扩大双边贸易" },
        sources: [{ source: SOURCE, locator: "para 3" }],
      },
    ],
  };
  await writeDataset(db, [{ file: "uzbekistan.yaml", data: datasetFileSchema.parse(data) }]);
}
