// What to watch after the brief's date, from the data: documents still to be implemented,
// targets, requests and the answers to them, decisions still pending, projects short of
// operation, scheduled events, and the next round of a mechanism held for the first time.
import type { BriefModel, Statement, WatchItem } from "../model.ts";
import type { GatherContext } from "./context.ts";
import { laterRounds } from "./engagements.ts";

const RESPONSES = new Set(["support", "commitment", "willingness", "agreement"]);
const MAX_ITEMS = 8;

export async function watch(
  context: GatherContext,
  model: Pick<
    BriefModel,
    "documents" | "targets" | "statements" | "projects" | "upcoming" | "engagements"
  >,
  /** Keys of the statements the brief prints before (bottom line, key points). */
  printed: ReadonlySet<string>,
): Promise<WatchItem[]> {
  const { asOf } = context.spec;
  const items: WatchItem[] = [];
  for (const document of model.documents) {
    if (document.validTo && document.validTo >= asOf) items.push({ kind: "document", document });
  }
  for (const target of model.targets) {
    if (target.status !== "met" && target.status !== "missed")
      items.push({ kind: "target", target });
  }
  const requests = new Map<string, Statement[]>();
  for (const s of model.statements.filter((x) => x.kind === "request")) {
    const topic = s.topics[0];
    if (topic) requests.set(topic.key, [...(requests.get(topic.key) ?? []), s]);
  }
  for (const [topicKey, asked] of requests) {
    // An answer comes from the side asked: a joint statement includes the side that asked.
    const responses = model.statements.filter(
      (s) =>
        RESPONSES.has(s.kind) &&
        s.side !== "joint" &&
        s.topics.some((t) => t.key === topicKey) &&
        asked.every((a) => a.side !== s.side),
    );
    const topic = asked[0]?.topics[0];
    const allPrinted = (said: Statement[]) => said.every((x) => printed.has(x.key));
    if (topic)
      items.push({
        kind: "request",
        topic,
        requests: asked,
        responses,
        shown: { requests: allPrinted(asked), responses: allPrinted(responses.slice(0, 1)) },
      });
  }
  for (const statement of model.statements.filter((s) => s.pending)) {
    items.push({ kind: "pending", statement });
  }
  for (const project of model.projects) {
    if (project.status === "operational") continue;
    items.push({
      kind: "project",
      project,
      cites: [
        ...new Set([...project.mentions.flatMap((m) => m.cites), ...project.statusStep.cites]),
      ],
    });
  }
  for (const event of model.upcoming) items.push({ kind: "event", event });
  for (const event of model.engagements.filter((e) => e.firstOfKind)) {
    const scheduled = model.upcoming.some((u) => u.type.key === event.type.key);
    if (!scheduled && (await laterRounds(context, event.type.key, event.date)) === 0) {
      items.push({ kind: "next-round", event });
    }
  }
  return items.slice(0, MAX_ITEMS);
}
