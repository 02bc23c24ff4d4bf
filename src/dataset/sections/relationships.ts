// Relationships, with their partnership steps (one per level, established or attested).
import { entityInfo } from "../../domain/entities.ts";
import { comparePartialDates } from "../../domain/partial-date.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import {
  byId,
  type Cit,
  citeOut,
  citeRefs,
  citesOf,
  codec,
  compact,
  dependents,
  groupBy,
  idFilter,
  mergeParts,
  nn,
  nonEmpty,
  pairOf,
  type Ref,
  readCitations,
  readRecords,
  saveRow,
  str,
  type Text,
  textColumns,
  textOf,
  unique,
  where,
  writeCitations,
} from "../codec.ts";
import { relationshipSchema } from "../format.ts";

type StepValues = {
  level: string;
  since: string | null;
  attestedOn: string | null;
  note: Text | null;
  sources: Cit[];
};
type RelationshipValues = {
  between: [string, string];
  summary: Text | null;
  partnerships: StepValues[];
};

const stepDate = (s: StepValues) => (s.since ?? s.attestedOn) as string;

export const relationships = codec<"relationships", RelationshipValues>({
  entity: entityInfo("relationship"),
  versioned: true,
  timestamps: true,
  schema: relationshipSchema,
  keyOf: (r) => relationshipKey(r.between),
  refs: (r) => [
    ...pairOf(relationshipKey(r.between)).map(
      (code): Ref => ({ path: ["between"], target: "country", key: code }),
    ),
    ...r.partnerships.flatMap((p, j) => [
      { path: ["partnerships", j, "level"], target: "partnershipLevel" as const, key: p.level },
      ...citeRefs(p.sources, ["partnerships", j]),
    ]),
  ],
  check(r, _store, problem) {
    unique(
      r.partnerships,
      (p) => p.level,
      (j) => ["partnerships", j, "level"],
      "level",
      problem,
    );
  },
  values: (r, _store, existing, complete) => {
    const given = r.partnerships.map((p) => ({
      level: p.level,
      since: nn(p.since),
      attestedOn: nn(p.attestedOn),
      note: nn(p.note),
      sources: citesOf(p.sources),
    }));
    // One step per level: a file that gives a level's establishment date, or another source
    // attesting it, updates that step and keeps the citations of the others.
    const partnerships = mergeParts(existing?.partnerships, given, (p) => p.level, complete).sort(
      (a, b) => comparePartialDates(stepDate(a), stepDate(b)) || a.level.localeCompare(b.level),
    );
    return {
      between: pairOf(relationshipKey(r.between)),
      summary: r.summary ?? (complete ? null : (existing?.summary ?? null)),
      partnerships,
    };
  },
  out: (v) =>
    compact({
      between: v.between,
      summary: v.summary,
      partnerships: nonEmpty(
        v.partnerships.map((p) => compact({ ...p, sources: p.sources.map(citeOut) })),
      ),
    }),
  read(store, id) {
    const cites = readCitations(store, "partnership_id", id, {
      table: "partnerships",
      parent: "relationship_id",
    });
    const steps = groupBy(
      store.all(
        `SELECT p.id, p.relationship_id AS parent, l.key AS level, p.since, p.attested_on,
                p.note_en, p.note_zh
         FROM partnerships p JOIN partnership_levels l ON l.id = p.level_id
         ${where(idFilter("p.relationship_id", id))}
         ORDER BY p.relationship_id, coalesce(p.since, p.attested_on), l.key`,
        ...byId(id),
      ),
      (r) => ({
        level: r.level as string,
        since: str(r.since),
        attestedOn: str(r.attested_on),
        note: textOf(r, "note"),
        sources: cites.get(r.id as number) ?? [],
      }),
    );
    return readRecords(store, "SELECT * FROM relationships", "id", "key", id, (r) => ({
      between: pairOf(r.key as string),
      summary: textOf(r, "summary"),
      partnerships: steps.get(r.id as number) ?? [],
    }));
  },
  write(store, v, existingId) {
    const [a, b] = v.between;
    const id = saveRow(store, this, existingId, {
      key: `${a}-${b}`,
      country_a_id: store.require("country", a),
      country_b_id: store.require("country", b),
      ...textColumns("summary", v.summary),
    });
    if (existingId !== null) store.run("DELETE FROM partnerships WHERE relationship_id = ?", id);
    for (const p of v.partnerships) {
      const stepId = store.insert("partnerships", {
        relationship_id: id,
        level_id: store.require("partnershipLevel", p.level),
        since: p.since,
        attested_on: p.attestedOn,
        ...textColumns("note", p.note),
      });
      writeCitations(store, "partnership_id", stepId, p.sources);
    }
    return id;
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM events WHERE relationship_id = ?", "event", "events"],
      ["SELECT count(*) AS n FROM statements WHERE relationship_id = ?", "statement", "statements"],
      ["SELECT count(*) AS n FROM documents WHERE relationship_id = ?", "document", "documents"],
      ["SELECT count(*) AS n FROM targets WHERE relationship_id = ?", "target", "targets"],
      [
        "SELECT count(*) AS n FROM organizations WHERE relationship_id = ?",
        "mechanism",
        "mechanisms",
      ],
    ]),
});
