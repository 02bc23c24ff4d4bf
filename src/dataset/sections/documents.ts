// Documents: what was signed, issued, adopted or announced, by whom.
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
  dateColumns,
  groupBy,
  idFilter,
  mergeCites,
  nn,
  optionalRef,
  pairOf,
  type Ref,
  readCitations,
  readRecords,
  relationshipOfEvent,
  saveRow,
  str,
  type Text,
  textColumns,
  textOf,
  unique,
  where,
  writeCitations,
} from "../codec.ts";
import { documentSchema } from "../format.ts";

type PartyValues = { country: string; organization: string | null };
type DocumentValues = {
  key: string;
  kind: string;
  action: string;
  title: Text;
  date: string | null;
  between: [string, string];
  event: string | null;
  validFrom: string | null;
  validTo: string | null;
  summary: Text | null;
  parties: PartyValues[];
  sources: Cit[];
};

export const documents = codec<"documents", DocumentValues>({
  entity: entityInfo("document"),
  versioned: true,
  timestamps: true,
  schema: documentSchema,
  keyOf: (d) => d.key,
  refs: (d) => [
    ...optionalRef(["between"], "relationship", d.between ? relationshipKey(d.between) : null),
    ...optionalRef(["event"], "event", d.event),
    ...d.parties.flatMap((p, j): Ref[] => [
      { path: ["parties", j, "country"], target: "country", key: p.country },
      ...optionalRef(["parties", j, "organization"], "organization", p.organization),
    ]),
    ...citeRefs(d.sources),
  ],
  check(d, _store, problem) {
    unique(
      d.parties,
      (p) => p.country,
      (j) => ["parties", j, "country"],
      "party",
      problem,
    );
    if (d.validFrom && d.validTo && comparePartialDates(d.validTo, d.validFrom) < 0) {
      problem(["validTo"], "validTo is before validFrom");
    }
  },
  values: (d, store, existing, complete) => ({
    key: d.key,
    kind: d.kind,
    action: d.action,
    title: d.title,
    date: nn(d.date),
    between: pairOf(
      d.between
        ? relationshipKey(d.between)
        : (relationshipOfEvent(store, d.event as string) ?? ""),
    ),
    event: nn(d.event),
    validFrom: nn(d.validFrom),
    validTo: nn(d.validTo),
    summary: nn(d.summary),
    parties: d.parties
      .map((p) => ({ country: p.country, organization: nn(p.organization) }))
      .sort((a, b) => a.country.localeCompare(b.country)),
    sources: mergeCites(existing?.sources, citesOf(d.sources), complete),
  }),
  owner: (v) => `relationship ${v.between.join("-")}${v.event ? `, event ${v.event}` : ""}`,
  out: (v) =>
    compact({
      ...v,
      parties: v.parties.map((p) => (p.organization === null ? p.country : { ...p })),
      sources: v.sources.map(citeOut),
    }),
  read(store, id) {
    const parties = groupBy(
      store.all(
        `SELECT dp.document_id AS parent, c.code AS country, o.key AS organization
         FROM document_parties dp JOIN countries c ON c.id = dp.country_id
         LEFT JOIN organizations o ON o.id = dp.organization_id
         ${where(idFilter("dp.document_id", id))} ORDER BY dp.document_id, c.code`,
        ...byId(id),
      ),
      (r) => ({ country: r.country as string, organization: str(r.organization) }),
    );
    const cites = readCitations(store, "document_id", id);
    return readRecords(
      store,
      `SELECT d.*, e.key AS event, r.key AS relationship FROM documents d
         JOIN relationships r ON r.id = d.relationship_id LEFT JOIN events e ON e.id = d.event_id`,
      "d.id",
      "d.key",
      id,
      (r) => ({
        key: r.key as string,
        kind: r.kind as string,
        action: r.action as string,
        title: textOf(r, "title") as Text,
        date: str(r.date),
        between: pairOf(r.relationship as string),
        event: str(r.event),
        validFrom: str(r.valid_from),
        validTo: str(r.valid_to),
        summary: textOf(r, "summary"),
        parties: parties.get(r.id as number) ?? [],
        sources: cites.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      kind: v.kind,
      action: v.action,
      relationship_id: store.require("relationship", v.between.join("-")),
      ...textColumns("title", v.title),
      ...dateColumns(v.date),
      event_id: store.optional("event", v.event),
      valid_from: v.validFrom,
      valid_to: v.validTo,
      ...textColumns("summary", v.summary),
    });
    if (existingId !== null) {
      store.run("DELETE FROM document_parties WHERE document_id = ?", id);
      store.run("DELETE FROM citations WHERE document_id = ?", id);
    }
    for (const p of v.parties) {
      store.insert(
        "document_parties",
        {
          document_id: id,
          country_id: store.require("country", p.country),
          organization_id: store.optional("organization", p.organization),
        },
        false,
      );
    }
    writeCitations(store, "document_id", id, v.sources);
    return id;
  },
  dependents: () => [],
});
