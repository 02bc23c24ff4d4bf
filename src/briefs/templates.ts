// One descriptor per template: what it gathers and in what order it prints, so that no other
// file asks which template it is serving.
import { createHash } from "node:crypto";
import { type BriefModel, type BriefSpec, briefDate, type TemplateName } from "./model.ts";

export type TemplateDescriptor = {
  /** Two letters in the reference number. */
  code: string;
  /** Statements in the bottom line (the dossier lists them once, in its register, instead). */
  statementsInBottomLine: boolean;
  keyPoints: boolean;
  watch: boolean;
  changes: boolean;
  /** Sections as the template prints them: citations are numbered in this order. */
  printed: (model: BriefModel) => unknown[];
};

const lead = (m: BriefModel) => [
  m.bottomLine.lead,
  m.bottomLine.documents,
  m.bottomLine.statements,
];

export const descriptors: Record<TemplateName, TemplateDescriptor> = {
  "briefing-note": {
    code: "BN",
    statementsInBottomLine: true,
    keyPoints: true,
    watch: true,
    changes: false,
    printed: (m) => [...lead(m), m.keyPoints, m.watch, m.partnership.history],
  },
  dossier: {
    code: "DS",
    statementsInBottomLine: false,
    keyPoints: false,
    watch: true,
    changes: false,
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
    printed: (m) => [...lead(m), m.keyPoints, m.documents, m.watch, m.partnership.history],
  },
  "weekly-summary": {
    code: "WS",
    statementsInBottomLine: false,
    keyPoints: true,
    watch: false,
    changes: true,
    printed: (m) => [m.engagements, m.documents, m.keyPoints, m.changes, m.upcoming],
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
  return `AT-${spec.between.join("")}-${descriptors[spec.template].code}-${date}-${digest.slice(0, 4).toUpperCase()}`;
}
