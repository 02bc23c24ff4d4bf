// The draft an article yields: records in dataset format 2 (what `attache import` reads), and for
// each record how sure the extractor is and what a reviewer should check. The record types mirror
// the format-2 schema field for field, so the draft imports as it is.

import { sectionOrder } from "../dataset/sections/index.ts";
import type { PartialDate } from "../domain/partial-date.ts";
import type {
  DocumentAction,
  DocumentKind,
  OrganizationKind,
  OrganizationScope,
  ParticipantRole,
  StatementKind,
  TargetStatus,
  TopicKind,
} from "../domain/vocabulary.ts";

export type { DocumentAction, DocumentKind, PartialDate, ParticipantRole, StatementKind };

/** A text in one or both languages; one language alone is untranslated in the other. */
export type Text = { en?: string; zh?: string };
export type Citation = { source: string; locator?: string };
export type CountryPair = [string, string];

export type SourceRecord = {
  key: string;
  publication: { en: string; zh: string };
  title: Text;
  language: string;
  publishedOn: string;
  page?: string;
  url?: string;
};

export type CountryRecord = {
  code: string;
  alpha3: string;
  numeric: string;
  name: { en: string; zh: string };
  aliases?: string[];
};

export type EventTypeRecord = { key: string; cameo: string; label: { en: string; zh: string } };

export type TopicRecord = {
  key: string;
  kind: TopicKind;
  name: { en: string; zh: string };
};

export type OrganizationRecord = {
  key: string;
  kind: OrganizationKind;
  scope: OrganizationScope;
  abbreviation?: string;
  name: Text;
  between?: CountryPair;
};

export type PersonRecord = {
  key: string;
  name: Text;
  aliases?: string[];
  country?: string;
  offices: { title: Text; sources: Citation[] }[];
};

export type PartnershipStep = {
  level: string;
  since?: PartialDate;
  attestedOn?: PartialDate;
  sources: Citation[];
};

export type RelationshipRecord = { between: CountryPair; partnerships?: PartnershipStep[] };

export type EventRecord = {
  key: string;
  between: CountryPair;
  type: string;
  status: "held";
  date: PartialDate;
  host?: string;
  place?: Text;
  title: Text;
  parent?: string;
  ordinal?: number;
  firstOfKind?: boolean;
  topics?: string[];
  participants: { person: string; role: ParticipantRole; side?: string }[];
  sources: Citation[];
};

export type DocumentRecord = {
  key: string;
  kind: DocumentKind;
  action: DocumentAction;
  title: Text;
  date?: PartialDate;
  between: CountryPair;
  event?: string;
  validFrom?: PartialDate;
  validTo?: PartialDate;
  parties: { country: string }[];
  sources: Citation[];
};

export type StatementRecord = {
  key: string;
  between: CountryPair;
  side: string;
  speaker?: string;
  event?: string;
  kind: StatementKind;
  verb?: string;
  topics: string[];
  organizations?: string[];
  projects?: string[];
  date: PartialDate;
  text: Text;
  quote: Text;
  sources: Citation[];
};

export type ProjectRecord = {
  key: string;
  name: Text;
  countries: string[];
  topics?: string[];
};

export type ProjectMentionRecord = {
  key: string;
  project: string;
  date: PartialDate;
  event?: string;
  note: Text;
  sources: Citation[];
};

export type TargetRecord = {
  key: string;
  between: CountryPair;
  title: Text;
  amount?: number;
  unit?: string;
  by?: string;
  status: TargetStatus;
  statements?: string[];
  date?: PartialDate;
  sources: Citation[];
};

/** The sections of a draft, in the order a dataset file lists them. */
export type DraftFile = {
  format: 2;
  countries?: CountryRecord[];
  eventTypes?: EventTypeRecord[];
  topics?: TopicRecord[];
  sources?: SourceRecord[];
  organizations?: OrganizationRecord[];
  people?: PersonRecord[];
  relationships?: RelationshipRecord[];
  events?: EventRecord[];
  documents?: DocumentRecord[];
  projects?: ProjectRecord[];
  projectMentions?: ProjectMentionRecord[];
  statements?: StatementRecord[];
  targets?: TargetRecord[];
};
export type DraftSection = Exclude<keyof DraftFile, "format">;
/** The sections a draft can hold, in the order dataset files list them. */
export const draftSections = sectionOrder.filter(
  (s): s is DraftSection => s !== "partnershipLevels",
);

/** What the extractor says about one drafted (or referenced) record. */
export type ReviewNote = {
  section: DraftSection;
  /** The record's key (a country code for countries, `CN-KG` for a relationship). */
  key: string;
  /** 0–1: how sure the extractor is that the record is right as drafted. */
  confidence: number;
  /** What to check; empty when nothing in particular. */
  review: string[];
  /** Where in the article it comes from, e.g. `para 4`. */
  locator?: string;
};

/** A record the article speaks of that is already stored: referenced, not drafted again. */
export type StoredReference = { section: DraftSection; key: string; locator?: string };

export type Draft = {
  file: DraftFile;
  notes: ReviewNote[];
  /** Stored records the draft refers to instead of re-creating them. */
  references: StoredReference[];
  /** Things about the whole article: what could not be drafted and why. */
  review: string[];
};
