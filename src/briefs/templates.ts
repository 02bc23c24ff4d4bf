// One descriptor per template: what it gathers and in what order it prints, so that no other
// file asks which template it is serving.
import { createHash } from "node:crypto";
import { registerOrder } from "./gather/statements.ts";
import {
  type BriefModel,
  type BriefSpec,
  briefDate,
  type RelationshipFacts,
  type Statement,
  subjectOf,
  type TemplateName,
} from "./model.ts";

export type TemplateDescriptor = {
  /** Two letters in the reference number. */
  code: string;
  /** Statements in the bottom line (the dossier lists them once, in its register, instead). */
  statementsInBottomLine: boolean;
  keyPoints: boolean;
  watch: boolean;
  changes: boolean;
  /**
   * Events scheduled after the brief's date, or after its period (a summary: what comes after
   * its week); none (an event brief is about its event alone).
   */
  upcoming: "after-asOf" | "after-period" | null;
  /** One brief covers a whole scope of relationships (a schedule makes one, not one each). */
  scoped: boolean;
  /** The model from the facts of each relationship the brief covers. */
  model: (spec: BriefSpec, facts: RelationshipFacts[]) => BriefModel;
  /** The order statements print in, when not by salience and date. */
  statementOrder?: (model: BriefModel) => Statement[];
  /** Sections as the template prints them: citations are numbered in this order. */
  printed: (model: BriefModel) => unknown[];
};

const lead = (m: BriefModel) => [
  // Without an engagement to lead with, the bottom line opens with where relations stand.
  m.bottomLine.lead ?? m.partnership.current,
  m.bottomLine.documents,
  m.bottomLine.statements,
];

const unsourced = () => ({
  sourcing: { publications: [], reportedOnly: [] },
  sources: [],
});

/** A brief about one relationship: its facts at the top. */
const about = (spec: BriefSpec, [facts]: RelationshipFacts[]): BriefModel => ({
  template: spec.template,
  spec,
  reference: referenceNumber(spec),
  ...(facts as RelationshipFacts),
  sections: [],
  ...unsourced(),
});

/** A summary: a section per relationship, in the shape a one-relationship summary prints. */
const summary = (spec: BriefSpec, all: RelationshipFacts[]): BriefModel => ({
  template: spec.template,
  spec,
  reference: referenceNumber(spec),
  relationship: (all[0] as RelationshipFacts).relationship,
  partnership: { current: null, history: [] },
  engagements: [],
  totals: { engagements: 0, statements: 0 },
  documents: [],
  statements: [],
  projects: [],
  targets: [],
  upcoming: [],
  bottomLine: { lead: null, documents: [], statements: [] },
  keyPoints: [],
  watch: [],
  changes: null,
  sections: all.map((f) => ({
    relationship: f.relationship,
    engagements: f.engagements,
    totals: f.totals,
    documents: f.documents,
    keyPoints: f.keyPoints,
    changes: f.changes,
    upcoming: f.upcoming,
  })),
  ...unsourced(),
});

export const descriptors: Record<TemplateName, TemplateDescriptor> = {
  "briefing-note": {
    code: "BN",
    statementsInBottomLine: true,
    keyPoints: true,
    watch: true,
    changes: false,
    upcoming: "after-asOf",
    scoped: false,
    model: about,
    printed: (m) => [...lead(m), m.keyPoints, m.watch, m.partnership.history],
  },
  dossier: {
    code: "DS",
    statementsInBottomLine: false,
    keyPoints: false,
    watch: true,
    changes: false,
    upcoming: "after-asOf",
    scoped: false,
    model: about,
    statementOrder: registerOrder,
    printed: (m) => [
      ...lead(m),
      m.partnership.history,
      m.engagements,
      m.documents,
      m.statements,
      m.projects,
      m.targets,
      m.watch,
    ],
  },
  "event-brief": {
    code: "EB",
    statementsInBottomLine: true,
    keyPoints: true,
    watch: true,
    changes: false,
    // What comes next belongs to what to watch: the next round agreed at the event, say.
    upcoming: "after-asOf",
    scoped: false,
    model: about,
    printed: (m) => [...lead(m), m.keyPoints, m.documents, m.watch, m.partnership.history],
  },
  "weekly-summary": {
    code: "WS",
    statementsInBottomLine: false,
    keyPoints: true,
    watch: false,
    changes: true,
    upcoming: "after-period",
    scoped: true,
    model: summary,
    printed: (m) =>
      m.sections.flatMap((s) => [s.engagements, s.documents, s.keyPoints, s.changes, s.upcoming]),
  },
};

/**
 * The reference number: the same for every language and paper size of one brief (it is made
 * from what the brief is about, not from a row id), different for any other brief.
 */
export function referenceNumber(spec: BriefSpec): string {
  const { locale: _locale, format: _format, ...about } = spec;
  const digest = createHash("sha256").update(JSON.stringify(about)).digest("hex");
  const date = briefDate(spec).replaceAll("-", "");
  const subject = subjectOf(spec).join("+").replaceAll("-", "");
  return `AT-${subject}-${descriptors[spec.template].code}-${date}-${digest.slice(0, 4).toUpperCase()}`;
}
