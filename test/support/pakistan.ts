// China–Pakistan as a reviewer entered it (test/fixtures/datasets/china-pakistan.yaml): two CPEC
// projects listing Pakistan only, an engagement dated only by a year, nothing before 19 May 2026.
// With Pakistan–Japan beside it: a project of those two, and a mention of Gwadar Port at their
// meeting, neither of which is China–Pakistan's business.
import path from "node:path";
import { datasetFileSchema } from "../../src/dataset/format.ts";
import { readDatasetFile } from "../../src/dataset/load.ts";
import { writeDataset } from "../../src/dataset/write.ts";
import type { Db } from "../../src/db/client.ts";

const FILE = path.join(import.meta.dirname, "../fixtures/datasets/china-pakistan.yaml");
const SOURCE = "dawn-2026-05-22-pk-jp-investment";

export async function addPakistan(db: Db): Promise<void> {
  const japan = {
    countries: [{ code: "JP", alpha3: "JPN", numeric: "392", name: { en: "Japan", zh: "日本" } }],
    sources: [
      {
        key: SOURCE,
        publication: { en: "Dawn", zh: "黎明报" },
        title: { en: "Pakistan and Japan discuss investment", zh: "巴日讨论投资合作" },
        language: "en",
        publishedOn: "2026-05-22",
      },
    ],
    relationships: [{ between: ["PK", "JP"] }],
    events: [
      {
        key: "2026-05-21-pk-jp-investment-talks",
        between: ["PK", "JP"],
        type: "meeting",
        date: "2026-05-21",
        place: { en: "Islamabad", zh: "伊斯兰堡" },
        title: { en: "Pakistan–Japan investment talks", zh: "巴日投资会谈" },
        sources: [{ source: SOURCE, locator: "para 1" }],
      },
    ],
    projects: [
      {
        key: "karachi-circular-railway",
        name: { en: "Karachi Circular Railway", zh: "卡拉奇环线铁路" },
        countries: ["PK", "JP"],
      },
    ],
    projectMentions: [
      {
        key: "kcr-2026-05-21",
        project: "karachi-circular-railway",
        date: "2026-05-21",
        note: {
          en: "Japan offered to finance the Karachi Circular Railway",
          zh: "日方提出为卡拉奇环线铁路提供融资",
        },
        sources: [{ source: SOURCE, locator: "para 2" }],
      },
      {
        key: "gwadar-jp-2026-05-21",
        project: "gwadar-port",
        date: "2026-05-21",
        event: "2026-05-21-pk-jp-investment-talks",
        note: {
          en: "Japanese investors were briefed on Gwadar",
          zh: "日本投资者听取瓜达尔港情况介绍",
        },
        sources: [{ source: SOURCE, locator: "para 3" }],
      },
    ],
  };
  await writeDataset(db, [
    readDatasetFile(FILE),
    { file: "pakistan-japan.yaml", data: datasetFileSchema.parse(japan) },
  ]);
}
