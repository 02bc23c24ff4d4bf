// What a brief is asked for (BriefSpec) and what the templates receive (BriefModel): plain,
// typed, JSON-serialisable data, so each stage can be tested alone. Texts carry both languages;
// the template picks one. Nothing in a model is dated after its spec's asOf, except `upcoming`.

import type { Locale } from "../domain/locale.ts";
import type { DocumentAction } from "../domain/vocabulary.ts";
import type { Scope } from "./scope.ts";

export const templateNames = ["briefing-note", "dossier", "event-brief", "weekly-summary"] as const;
export type TemplateName = (typeof templateNames)[number];
export const paperFormats = ["A4", "Letter"] as const;
export type PaperFormat = (typeof paperFormats)[number];

type SpecBase = {
  /** Inclusive calendar dates. */
  period: { from: string; to: string };
  /** The date the brief speaks from: nothing after it is reported, only scheduled events. */
  asOf: string;
  locale: Locale;
  format: PaperFormat;
};
type PairSpec = SpecBase & {
  /** The relationship, as its two ISO alpha-2 codes in alphabetical order. */
  between: [string, string];
};
export type NoteSpec = PairSpec & { template: "briefing-note" };
export type DossierSpec = PairSpec & { template: "dossier" };
export type EventBriefSpec = PairSpec & { template: "event-brief"; event: string };
/**
 * A summary of a period (weekly unless a schedule's period rule makes it daily or monthly) over
 * one or several relationships: those named, and every relationship of the countries named.
 */
export type WeeklySummarySpec = SpecBase & {
  template: "weekly-summary";
  scope: Scope;
  cadence?: "daily" | "monthly";
};
export type BriefSpec = NoteSpec | DossierSpec | EventBriefSpec | WeeklySummarySpec;

/** The date a brief is named and numbered by: a weekly summary's last day, else its as-of date. */
export const briefDate = (spec: BriefSpec) =>
  spec.template === "weekly-summary" ? spec.period.to : spec.asOf;

/** The relationships and countries a brief was asked about: a summary's scope, or its pair. */
export const scopeOfSpec = (spec: BriefSpec): Scope =>
  "scope" in spec ? spec.scope : { relationships: [spec.between.join("-")], countries: [] };

/** What a brief is about, for its file name and reference: ["CN-KG"], ["KG"], ["CN-KG", "CN-UZ"]. */
export const subjectOf = (spec: BriefSpec): string[] => {
  const scope = scopeOfSpec(spec);
  return [...scope.countries, ...scope.relationships];
};

/** A spec as a brief row stores it; summaries stored before scopes named one pair in `between`. */
export function storedSpec(value: unknown): BriefSpec {
  const spec = value as BriefSpec & { between?: [string, string] };
  if (spec.template === "weekly-summary" && !spec.scope && spec.between) {
    return { ...spec, scope: { relationships: [spec.between.join("-")], countries: [] } };
  }
  return spec;
}

export type Bilingual = { en: string; zh: string };
export type OptionalBilingual = { en: string | null; zh: string | null };

/** Citation numbers, in the order a reader meets them. */
export type Cites = number[];

export type CountryRef = { code: string; name: Bilingual };
export type PersonRef = {
  key: string;
  name: Bilingual;
  office: Bilingual | null;
  /** The country the person speaks for, when recorded. */
  country: string | null;
};
export type TopicRef = { key: string; kind: string; name: Bilingual };
export type OrganizationRef = { key: string; name: Bilingual; abbreviation: string | null };

export type PartnershipStep = {
  level: string;
  rank: number;
  label: Bilingual;
  /** The date it was established, or (attested) the date of the source that says it holds. */
  since: string;
  attested: boolean;
  change: "established" | "upgrade" | "same" | "downgrade";
  cites: Cites;
};

export type Engagement = {
  key: string;
  date: string;
  endDate: string | null;
  status: "held" | "scheduled" | "cancelled";
  type: { key: string; label: Bilingual };
  place: OptionalBilingual;
  title: OptionalBilingual;
  hostCountry: string | null;
  firstOfKind: boolean;
  /** 2 for a second round, when known. */
  ordinal: number | null;
  /** The visit this meeting was part of. */
  parent: string | null;
  participants: { person: PersonRef; role: string; side: string | null }[];
  cites: Cites;
};

export type { DocumentAction };

export type DocumentFact = {
  key: string;
  kind: string;
  action: DocumentAction;
  title: OptionalBilingual;
  date: string | null;
  validFrom: string | null;
  validTo: string | null;
  parties: string[];
  event: string | null;
  cites: Cites;
};

export type Statement = {
  key: string;
  /** A country code, or "joint" for both sides together. */
  side: string;
  kind: string;
  date: string;
  /** One language may be missing (untranslated): briefs print the other, marked. */
  text: OptionalBilingual;
  quote: OptionalBilingual | null;
  speaker: PersonRef | null;
  /** The reporting verb as the source gives it (表示, 强调, 重申…), when recorded. */
  verb: string | null;
  topics: TopicRef[];
  organizations: OrganizationRef[];
  projects: string[];
  event: string | null;
  /** A decision still to be taken ("will study joining"). */
  pending: boolean;
  cites: Cites;
};

export type ProjectBrief = {
  key: string;
  name: Bilingual;
  /** The status as of the brief's date, when one is on record, and the date of that step. */
  status: string | null;
  statusSince: string | null;
  /** The sources of that status step (an object, so that citation numbering finds them). */
  statusStep: { cites: Cites };
  countries: string[];
  mentions: { date: string; event: string | null; note: OptionalBilingual; cites: Cites }[];
};

export type TargetFact = {
  key: string;
  title: OptionalBilingual;
  amount: number | null;
  unit: string | null;
  by: string | null;
  status: string;
  cites: Cites;
};

/** Something to watch after the brief's date, drawn from the data. */
export type WatchItem =
  | { kind: "document"; document: DocumentFact }
  /** `listed`: a line of the targets list, which gives the status (What to watch: what is next). */
  | { kind: "target"; target: TargetFact; listed?: boolean }
  | {
      kind: "request";
      topic: TopicRef;
      requests: Statement[];
      responses: Statement[];
      /** Whether the brief prints them already (bottom line, key points): then not quoted again. */
      shown: { requests: boolean; responses: boolean };
    }
  | { kind: "pending"; statement: Statement }
  | { kind: "project"; project: ProjectBrief; cites: Cites }
  | { kind: "event"; event: Engagement }
  | { kind: "next-round"; event: Engagement };

/** Who met whom, where, and what was new: the first sentence of a bottom line. */
export type Lead = {
  engagement: Engagement;
  /** The meetings the engagement comprised (itself, when it had none recorded). */
  meetings: Engagement[];
};

export type Source = {
  n: number;
  key: string;
  publication: Bilingual;
  /** The publication is an institution (no 《》 around its name in Chinese). */
  institution: boolean;
  title: Bilingual;
  language: string;
  publishedOn: string;
  page: string | null;
  url: string | null;
  /** The paragraphs the printed facts come from, in order. */
  paragraphs: number[];
  /** Other places in the source the facts come from ("title"). */
  locators: string[];
};

/** Whose voice the cited sources carry, for the one-line sourcing note. */
export type Sourcing = {
  /** Publications cited for statements, with their languages. */
  publications: { name: Bilingual; institution: boolean; language: string }[];
  /** Sides whose statements are all reported by sources of the other side. */
  reportedOnly: { side: string; by: string }[];
};

export type LateRecord = {
  date: string;
  kind: "engagement" | "document" | "statement";
  label: Bilingual;
};

/** What changed in the period (weekly summaries). */
export type Changes = {
  partnership: PartnershipStep[];
  projects: { project: ProjectBrief; status: string | null }[];
  late: { total: number; shown: LateRecord[] };
};

/** Source id → the locators its citations give, collected while gathering. */
export type Locators = Map<number, Set<string>>;

/** What one relationship contributes to a brief. */
export type RelationshipFacts = {
  relationship: { key: string; countries: [CountryRef, CountryRef] };
  partnership: { current: PartnershipStep | null; history: PartnershipStep[] };
  /** Held engagements in the period, up to asOf, oldest first (the latest, when there are many). */
  engagements: Engagement[];
  /** How many of each were on record, when a list holds only the latest. */
  totals: { engagements: number; statements: number };
  documents: DocumentFact[];
  statements: Statement[];
  projects: ProjectBrief[];
  targets: TargetFact[];
  /** Events scheduled after asOf (or after the period, for weekly summaries). */
  upcoming: Engagement[];
  /** The bottom line's facts: the lead, documents, and statements grouped into sentences. */
  bottomLine: { lead: Lead | null; documents: DocumentFact[]; statements: Statement[][] };
  keyPoints: Statement[];
  watch: WatchItem[];
  changes: Changes | null;
};

/** One relationship's part of a summary, in the shape a one-relationship summary prints. */
export type SummarySection = Pick<
  RelationshipFacts,
  "relationship" | "engagements" | "totals" | "documents" | "keyPoints" | "changes" | "upcoming"
>;

/**
 * A brief's model. A brief about one relationship carries its facts at the top; a summary
 * carries one section per relationship of its scope (the top then names the first relationship
 * and holds no facts).
 */
export type BriefModel = {
  template: TemplateName;
  spec: BriefSpec;
  /** One number for every language and paper size of the same brief. */
  reference: string;
} & RelationshipFacts & {
    sections: SummarySection[];
    sourcing: Sourcing;
    sources: Source[];
  };
