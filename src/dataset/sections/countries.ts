// Countries: ISO codes, names, and the short forms a report uses for them.
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
import { countrySchema } from "../format.ts";

type CountryValues = {
  code: string;
  alpha3: string;
  numeric: string;
  name: Bilingual;
  aliases: string[];
};

export const countries = codec<"countries", CountryValues>({
  entity: entityInfo("country"),
  versioned: true,
  timestamps: false,
  schema: countrySchema,
  keyOf: (c) => c.code,
  refs: () => [],
  check(c, store, problem) {
    for (const column of ["alpha3", "numeric"] as const) {
      const other = store.get<{ code: string }>(
        `SELECT code FROM countries WHERE ${column} = ? AND code <> ?`,
        c[column],
        c.code,
      );
      if (other) problem([column], `${column} "${c[column]}" belongs to ${other.code} already`);
    }
  },
  values: (c) => ({ ...c, name: c.name as Bilingual, aliases: [...c.aliases] }),
  out: (v) => withList({ ...v }, "aliases", v.aliases),
  read: (store, id) =>
    readRecords(store, "SELECT * FROM countries", "id", "code", id, (r) => ({
      code: r.code as string,
      alpha3: r.alpha3 as string,
      numeric: r.numeric as string,
      name: bilingualOf(r, "name"),
      aliases: jsonList(r.aliases),
    })),
  write(store, v, id) {
    return saveRow(store, this, id, {
      code: v.code,
      alpha3: v.alpha3,
      numeric: v.numeric,
      ...textColumns("name", v.name),
      aliases: json(v.aliases),
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      [
        "SELECT count(*) AS n FROM relationships WHERE ? IN (country_a_id, country_b_id)",
        "relationship",
        "relationships",
      ],
      ["SELECT count(*) AS n FROM people WHERE country_id = ?", "person", "people"],
    ]),
});
