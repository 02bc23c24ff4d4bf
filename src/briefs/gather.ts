// gather(spec): the database → BriefModel stage, as section builders (src/briefs/gather/) run
// for each relationship the brief covers, in the order the template's descriptor asks for. Reads
// only; a bounded number of queries per relationship, whatever the size of the database (no list
// of ids is bound as SQL variables). What every relationship looks up (country codes, sources
// published after the brief's date) is read once per brief.
import type { Db } from "../db/client.ts";
import { changes } from "./gather/changes.ts";
import { type GatherContext, loadContext, loadLookups } from "./gather/context.ts";
import { documents } from "./gather/documents.ts";
import { periodEngagements, upcomingEngagements } from "./gather/engagements.ts";
import { highlights } from "./gather/highlights.ts";
import { partnership } from "./gather/partnership.ts";
import { projects } from "./gather/projects.ts";
import { numberSources, sourcing } from "./gather/sources.ts";
import { statements } from "./gather/statements.ts";
import { targets } from "./gather/targets.ts";
import { watch } from "./gather/watch.ts";
import type { BriefModel, BriefSpec, Locators, RelationshipFacts } from "./model.ts";
import { checkScope } from "./scope.ts";
import { descriptors, type TemplateDescriptor } from "./templates.ts";

export { BriefInputError } from "./errors.ts";

export async function gather(db: Db, spec: BriefSpec): Promise<BriefModel> {
  const descriptor = descriptors[spec.template];
  const locators: Locators = new Map();
  const covered: { context: GatherContext; facts: RelationshipFacts }[] = [];
  const keys = await relationshipKeys(db, spec);
  const lookups = await loadLookups(db, spec);
  for (const key of keys) {
    const context = await loadContext(db, spec, key, locators, lookups);
    covered.push({ context, facts: await relationshipFacts(context, descriptor) });
  }
  const [first] = covered as [(typeof covered)[number], ...typeof covered];
  const model = descriptor.model(
    spec,
    covered.map((c) => c.facts),
  );
  if (descriptor.statementOrder) model.statements = descriptor.statementOrder(model);
  model.sourcing = await sourcing(first.context, model.statements);
  model.sources = await numberSources(first.context, descriptor.printed(model), model);
  return model;
}

/** The relationships a brief covers: its pair, or each one of a summary's scope. */
async function relationshipKeys(db: Db, spec: BriefSpec): Promise<string[]> {
  if (!("scope" in spec)) return [spec.between.join("-")];
  return checkScope(db, spec.scope, "");
}

/** What one relationship contributes, with the sections its template asks for. */
async function relationshipFacts(
  context: GatherContext,
  descriptor: TemplateDescriptor,
): Promise<RelationshipFacts> {
  const { engagements, total } = await periodEngagements(context);
  const said = await statements(context, engagements);
  const base = {
    partnership: await partnership(context),
    engagements,
    documents: await documents(context, engagements),
    statements: said.statements,
    projects: await projects(context, engagements),
    targets: await targets(context),
    upcoming: descriptor.upcoming
      ? await upcomingEngagements(
          context,
          descriptor.upcoming === "after-period" ? context.spec.period.to : context.spec.asOf,
        )
      : [],
  };
  const { bottomLine, keyPoints } = highlights(base, descriptor);
  const printed = new Set([...bottomLine.statements.flat(), ...keyPoints].map((s) => s.key));
  return {
    relationship: { key: context.relationship.key, countries: context.countries },
    ...base,
    totals: { engagements: total, statements: said.total },
    bottomLine,
    keyPoints,
    watch: descriptor.watch ? await watch(context, base, printed) : [],
    changes: descriptor.changes ? await changes(context, base) : null,
  };
}
