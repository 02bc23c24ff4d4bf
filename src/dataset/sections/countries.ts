// Countries: ISO codes, names, and the short forms a report uses for them.
import { describe } from "../describe.ts";
import { list, plain, text } from "../fields.ts";
import { countrySchema } from "../format.ts";

export const countries = describe("country", countrySchema, {
  fields: [plain("code"), plain("alpha3"), plain("numeric"), text("name"), list("aliases")],
  unique: ["alpha3", "numeric"],
  async check(c, store, problem) {
    for (const column of ["alpha3", "numeric"] as const) {
      const other = await store.get<{ code: string }>(
        `SELECT code FROM countries WHERE ${column} = ? AND code <> ?`,
        c[column],
        c.code,
      );
      if (other) problem([column], `${column} "${c[column]}" belongs to ${other.code} already`);
    }
  },
  dependents: [
    ["relationships", "country_a_id, country_b_id", "relationship", "relationships"],
    ["people", "country_id", "person", "people"],
  ],
});
