// `attache export`: the whole dataset in the seeds' format, records in their canonical form (see
// sections.ts) and a fixed order, so that exporting, importing into an empty database and exporting
// again gives the same file, byte for byte.
import YAML, { isScalar } from "yaml";
import type { Db } from "../db/client.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Canonical, Section } from "./codec.ts";
import { FORMAT_VERSION } from "./format.ts";
import { codecOf, sectionOrder } from "./sections/index.ts";
import { Store } from "./store.ts";

export type ExportedDataset = Partial<Record<Section, Canonical[]>>;
export type ExportFormat = "yaml" | "json";

/** Every record, read in one transaction so the file is a consistent snapshot. */
export async function exportDataset(db: Db): Promise<ExportedDataset> {
  return inTransaction(db, "read", async () => {
    const store = await Store.open(db);
    const data: ExportedDataset = {};
    for (const section of sectionOrder) {
      const codec = codecOf(section);
      const records = (await codec.read(store, null)).map((r) => codec.out(r.values));
      if (records.length > 0) data[section] = records;
    }
    return data;
  });
}

export function countRecords(data: ExportedDataset): number {
  return Object.values(data).reduce((n, records) => n + (records?.length ?? 0), 0);
}

const HEADER = `# Attaché dataset, in the format of seeds/ (README: "Adding data").
# Load it with: node bin/attache.mjs import FILE
`;

export function formatDataset(records: ExportedDataset, format: ExportFormat): string {
  const data = { format: FORMAT_VERSION, ...records };
  if (format === "json") return `${JSON.stringify(data, null, 2)}\n`;
  return HEADER + seedsLayout(new YAML.Document(data)).toString({ lineWidth: 0 });
}

/**
 * Short collections of plain values on one line, as the seeds write them:
 * name: { en: China, zh: 中国 }, between: [ CN, KG ], { person: wang-yi, role: guest }.
 */
export function seedsLayout(doc: YAML.Document): YAML.Document {
  const short = (values: unknown[]) =>
    values.every(isScalar) &&
    values.reduce<number>((n, v) => n + String((v as { value: unknown }).value).length, 0) <= 72;
  YAML.visit(doc, {
    Map(_, node) {
      if (short(node.items.map((pair) => pair.value))) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.length > 0 && short(node.items)) node.flow = true;
    },
  });
  return doc;
}

export function formatOf(file: string): ExportFormat {
  return file.endsWith(".json") ? "json" : "yaml";
}
