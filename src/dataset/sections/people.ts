// People, with the offices they held (merged by title across sources).
import { entityInfo } from "../../domain/entities.ts";
import { comparePartialDates } from "../../domain/partial-date.ts";
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
  json,
  jsonList,
  mergeParts,
  nn,
  nonEmpty,
  optionalRef,
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
import { personSchema } from "../format.ts";

type OfficeValues = {
  title: Text;
  organization: string | null;
  from: string | null;
  to: string | null;
  sources: Cit[];
};
type PersonValues = {
  key: string;
  name: Text;
  aliases: string[];
  country: string | null;
  offices: OfficeValues[];
};
/** An office is the same office when its title is: a second file adds offices, never erases. */
const officeIdentity = (o: { title: Text }) => o.title.zh ?? o.title.en ?? "";

export const people = codec<"people", PersonValues>({
  entity: entityInfo("person"),
  versioned: true,
  timestamps: true,
  schema: personSchema,
  keyOf: (p) => p.key,
  refs: (p) => [
    ...optionalRef(["country"], "country", p.country),
    ...p.offices.flatMap((o, j) => [
      ...optionalRef(["offices", j, "organization"], "organization", o.organization),
      ...citeRefs(o.sources, ["offices", j]),
    ]),
  ],
  check(p, _store, problem) {
    unique(p.offices, officeIdentity, (j) => ["offices", j, "title"], "office", problem);
    p.offices.forEach((o, j) => {
      if (o.from && o.to && comparePartialDates(o.to, o.from) < 0) {
        problem(["offices", j, "to"], "to is before from");
      }
    });
  },
  values: (p, _store, existing, complete) => {
    const given = p.offices.map((o) => ({
      title: o.title,
      organization: nn(o.organization),
      from: nn(o.from),
      to: nn(o.to),
      sources: citesOf(o.sources),
    }));
    const offices = mergeParts(existing?.offices, given, officeIdentity, complete);
    return { key: p.key, name: p.name, aliases: [...p.aliases], country: nn(p.country), offices };
  },
  out: (v) =>
    compact({
      key: v.key,
      name: v.name,
      aliases: nonEmpty(v.aliases),
      country: v.country,
      offices: nonEmpty(v.offices.map((o) => compact({ ...o, sources: o.sources.map(citeOut) }))),
    }),
  read(store, id) {
    const cites = readCitations(store, "office_id", id, { table: "offices", parent: "person_id" });
    const byPerson = groupBy(
      store.all(
        `SELECT o.id, o.person_id AS parent, o.title_en, o.title_zh, org.key AS organization,
                o.start_date, o.end_date
         FROM offices o LEFT JOIN organizations org ON org.id = o.organization_id
         ${where(idFilter("o.person_id", id))} ORDER BY o.person_id, o.id`,
        ...byId(id),
      ),
      (r) => ({
        title: textOf(r, "title") as Text,
        organization: str(r.organization),
        from: str(r.start_date),
        to: str(r.end_date),
        sources: cites.get(r.id as number) ?? [],
      }),
    );
    return readRecords(
      store,
      `SELECT p.*, c.code AS country FROM people p LEFT JOIN countries c ON c.id = p.country_id`,
      "p.id",
      "p.key",
      id,
      (r) => ({
        key: r.key as string,
        name: textOf(r, "name") as Text,
        aliases: jsonList(r.aliases),
        country: str(r.country),
        offices: byPerson.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      ...textColumns("name", v.name),
      aliases: json(v.aliases),
      country_id: store.optional("country", v.country),
    });
    if (existingId !== null) store.run("DELETE FROM offices WHERE person_id = ?", id);
    for (const o of v.offices) {
      const officeId = store.insert("offices", {
        person_id: id,
        ...textColumns("title", o.title),
        organization_id: store.optional("organization", o.organization),
        start_date: o.from,
        end_date: o.to,
      });
      writeCitations(store, "office_id", officeId, o.sources);
    }
    store.personChanged(v.key);
    return id;
  },
  dependents: (store, id) =>
    dependents(store, id, [
      [
        "SELECT count(*) AS n FROM event_participants WHERE person_id = ?",
        "event participation",
        "event participations",
      ],
      ["SELECT count(*) AS n FROM statements WHERE speaker_id = ?", "statement", "statements"],
    ]),
});
