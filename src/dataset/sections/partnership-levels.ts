// The partnership ladder, as data: levels with labels, a rank and qualifiers.
import { describe } from "../describe.ts";
import { list, plain, text } from "../fields.ts";
import { partnershipLevelSchema } from "../format.ts";

export const partnershipLevels = describe("partnershipLevel", partnershipLevelSchema, {
  fields: [plain("key"), text("label"), plain("rank"), list("qualifiers")],
  order: "t.rank, t.key",
  dependents: [["partnerships", "level_id", "partnership step", "partnership steps"]],
});
