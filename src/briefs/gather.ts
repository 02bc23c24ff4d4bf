// gather(spec): the database → BriefModel stage, as section builders (src/briefs/gather/) run
// in the order the template's descriptor asks for. Reads only; a bounded number of queries,
// whatever the size of the database (no list of ids is bound as SQL variables).
import type { Db } from "../db/client.ts";
import { changes } from "./gather/changes.ts";
import { loadContext } from "./gather/context.ts";
import { documents } from "./gather/documents.ts";
import { periodEngagements, upcomingEngagements } from "./gather/engagements.ts";
import { highlights } from "./gather/highlights.ts";
import { partnership } from "./gather/partnership.ts";
import { projects } from "./gather/projects.ts";
import { numberSources, sourcing } from "./gather/sources.ts";
import { statements } from "./gather/statements.ts";
import { targets } from "./gather/targets.ts";
import { watch } from "./gather/watch.ts";
import type { BriefModel, BriefSpec } from "./model.ts";
import { descriptors, referenceNumber } from "./templates.ts";

export { BriefInputError } from "./errors.ts";

export async function gather(db: Db, spec: BriefSpec): Promise<BriefModel> {
  const descriptor = descriptors[spec.template];
  const context = await loadContext(db, spec);
  const { engagements, total } = await periodEngagements(context);
  const said = await statements(context, engagements);
  const base = {
    partnership: await partnership(context),
    engagements,
    documents: await documents(context, engagements),
    statements: said.statements,
    projects: await projects(context, engagements),
    targets: await targets(context),
    upcoming: spec.template === "event-brief" ? [] : await upcomingEngagements(context),
  };
  const model: BriefModel = {
    template: spec.template,
    spec,
    reference: referenceNumber(spec),
    relationship: { key: context.relationship.key, countries: context.countries },
    ...base,
    totals: { engagements: total, statements: said.total },
    ...highlights(base, {
      statementsInBottomLine: descriptor.statementsInBottomLine,
      keyPoints: descriptor.keyPoints,
    }),
    watch: descriptor.watch ? await watch(context, base) : [],
    changes: descriptor.changes ? await changes(context, base) : null,
    sourcing: { publications: [], reportedOnly: [] },
    sources: [],
  };
  if (spec.template === "dossier") model.statements = registerOrder(model);
  model.sourcing = await sourcing(context, model.statements);
  model.sources = await numberSources(context, descriptor.printed(model), model);
  return model;
}

/** The dossier's register: by side (the two countries, then joint), then by topic as first met. */
function registerOrder(model: BriefModel): BriefModel["statements"] {
  const sides = [...model.relationship.countries.map((c) => c.code), "joint"];
  const topics = [...new Set(model.statements.map((s) => s.topics[0]?.key ?? ""))];
  return [...model.statements].sort(
    (a, b) =>
      sides.indexOf(a.side) - sides.indexOf(b.side) ||
      topics.indexOf(a.topics[0]?.key ?? "") - topics.indexOf(b.topics[0]?.key ?? ""),
  );
}
