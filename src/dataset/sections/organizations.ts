// Organisations and mechanisms, with their scope.
import { entityInfo } from "../../domain/entities.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import {
  codec,
  compact,
  dependents,
  nn,
  optionalRef,
  pairOf,
  readRecords,
  saveRow,
  str,
  type Text,
  textColumns,
  textOf,
} from "../codec.ts";
import { organizationSchema } from "../format.ts";

type OrganizationValues = {
  key: string;
  kind: string;
  scope: string;
  abbreviation: string | null;
  name: Text;
  country: string | null;
  between: [string, string] | null;
};

export const organizations = codec<"organizations", OrganizationValues>({
  entity: entityInfo("organization"),
  versioned: true,
  timestamps: false,
  schema: organizationSchema,
  keyOf: (o) => o.key,
  refs: (o) => [
    ...optionalRef(["country"], "country", o.country),
    ...optionalRef(["between"], "relationship", o.between ? relationshipKey(o.between) : null),
  ],
  check: () => {},
  values: (o) => ({
    key: o.key,
    kind: o.kind,
    scope: o.scope,
    abbreviation: nn(o.abbreviation),
    name: o.name,
    country: nn(o.country),
    between: o.between ? pairOf(relationshipKey(o.between)) : null,
  }),
  out: (v) => compact({ ...v }),
  read: (store, id) =>
    readRecords(
      store,
      `SELECT o.*, c.code AS country, r.key AS relationship FROM organizations o
         LEFT JOIN countries c ON c.id = o.country_id
         LEFT JOIN relationships r ON r.id = o.relationship_id`,
      "o.id",
      "o.key",
      id,
      (r) => ({
        key: r.key as string,
        kind: r.kind as string,
        scope: r.scope as string,
        abbreviation: str(r.abbreviation),
        name: textOf(r, "name") as Text,
        country: str(r.country),
        between: r.relationship ? pairOf(r.relationship as string) : null,
      }),
    ),
  write(store, v, id) {
    return saveRow(store, this, id, {
      key: v.key,
      kind: v.kind,
      scope: v.scope,
      abbreviation: v.abbreviation,
      ...textColumns("name", v.name),
      country_id: store.optional("country", v.country),
      relationship_id: v.between ? store.require("relationship", v.between.join("-")) : null,
    });
  },
  dependents: (store, id) =>
    dependents(store, id, [
      ["SELECT count(*) AS n FROM offices WHERE organization_id = ?", "office", "offices"],
      [
        "SELECT count(*) AS n FROM document_parties WHERE organization_id = ?",
        "document party",
        "document parties",
      ],
      [
        "SELECT count(*) AS n FROM statement_organizations WHERE organization_id = ?",
        "statement",
        "statements",
      ],
    ]),
});
