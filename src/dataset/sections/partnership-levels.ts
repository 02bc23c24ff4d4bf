// The partnership ladder, as data: levels with labels, a rank and qualifiers.
import { entityInfo } from "../../domain/entities.ts";
import {
  type Bilingual,
  bilingualOf,
  codec,
  dependents,
  json,
  jsonList,
  readRecords,
  saveRow,
  textColumns,
  withList,
} from "../codec.ts";
import { partnershipLevelSchema } from "../format.ts";

type LevelValues = { key: string; label: Bilingual; rank: number; qualifiers: string[] };

export const partnershipLevels = codec<"partnershipLevels", LevelValues>({
  entity: entityInfo("partnershipLevel"),
  versioned: true,
  timestamps: false,
  schema: partnershipLevelSchema,
  keyOf: (l) => l.key,
  refs: () => [],
  check: () => {},
  values: (l) => ({
    key: l.key,
    label: l.label as Bilingual,
    rank: l.rank,
    qualifiers: [...l.qualifiers],
  }),
  out: (v) => withList({ ...v }, "qualifiers", v.qualifiers),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM partnership_levels", "id", "rank, key", id, (r) => ({
      key: r.key as string,
      label: bilingualOf(r, "label"),
      rank: r.rank as number,
      qualifiers: jsonList(r.qualifiers),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      ...textColumns("label", v.label),
      rank: v.rank,
      qualifiers: json(v.qualifiers),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      [
        "SELECT count(*) AS n FROM partnerships WHERE level_id = ?",
        "partnership step",
        "partnership steps",
      ],
    ]),
});
