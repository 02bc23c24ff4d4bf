// Organisations and mechanisms, with their scope; a bilateral mechanism names its relationship.
import { describe } from "../describe.ts";
import { plain, ref, relationship, text } from "../fields.ts";
import { organizationSchema } from "../format.ts";

export const organizations = describe("organization", organizationSchema, {
  fields: [
    plain("key"),
    plain("kind"),
    plain("scope"),
    plain("abbreviation"),
    text("name"),
    ref("country", "country"),
    relationship(),
  ],
  dependents: [
    ["offices", "organization_id", "office", "offices"],
    ["document_parties", "organization_id", "document party", "document parties"],
    ["statement_organizations", "organization_id", "statement", "statements"],
  ],
});
