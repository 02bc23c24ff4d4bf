// Event types, with the CAMEO code kept for analysis (never printed).
import { entityInfo } from "../../domain/entities.ts";
import {
  type Bilingual,
  bilingualOf,
  codec,
  dependents,
  readRecords,
  saveRow,
  textColumns,
} from "../codec.ts";
import { eventTypeSchema } from "../format.ts";

type EventTypeValues = { key: string; cameo: string; label: Bilingual };

export const eventTypes = codec<"eventTypes", EventTypeValues>({
  entity: entityInfo("eventType"),
  versioned: false,
  timestamps: false,
  schema: eventTypeSchema,
  keyOf: (e) => e.key,
  refs: () => [],
  check: () => {},
  values: (e) => ({ key: e.key, cameo: e.cameo, label: e.label as Bilingual }),
  out: (v) => ({ ...v }),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM event_types", "id", "key", id, (r) => ({
      key: r.key as string,
      cameo: r.cameo as string,
      label: bilingualOf(r, "label"),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      cameo: v.cameo,
      ...textColumns("label", v.label),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM events WHERE type_id = ?", "event", "events"],
    ]),
});
