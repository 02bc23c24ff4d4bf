// Event types, with the CAMEO code kept for analysis (never printed).
import { describe } from "../describe.ts";
import { plain, text } from "../fields.ts";
import { eventTypeSchema } from "../format.ts";

export const eventTypes = describe("eventType", eventTypeSchema, {
  fields: [plain("key"), plain("cameo"), text("label")],
  dependents: [["events", "type_id", "event", "events"]],
});
