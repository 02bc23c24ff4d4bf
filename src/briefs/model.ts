// What a brief is asked for (BriefSpec) and what the templates receive (BriefModel): plain,
// typed, JSON-serialisable data, so each stage can be tested alone and the model snapshot-tested.
// Texts carry both languages; the template picks one, and names the other on first mention.
import type { Locale } from "../domain/locale.ts";

export const templateNames = ["briefing-note", "event-brief", "weekly-summary"] as const;
export type TemplateName = (typeof templateNames)[number];
export const paperFormats = ["A4", "Letter"] as const;
export type PaperFormat = (typeof paperFormats)[number];

export type BriefSpec = {
  template: TemplateName;
  /** The relationship, as its two ISO alpha-2 codes in alphabetical order. */
  between: [string, string];
  /** Inclusive calendar dates. */
  period: { from: string; to: string };
  /** The date the brief speaks from: events after it are "coming". */
  asOf: string;
  locale: Locale;
  format: PaperFormat;
  /** For event-brief: the event's key. */
  event?: string;
};

export type Bilingual = { en: string; zh: string };
export type OptionalBilingual = { en: string | null; zh: string | null };

/** Citation numbers, in the order a reader meets them. */
export type Cites = number[];

export type CountryRef = { code: string; name: Bilingual };
export type PersonRef = { key: string; name: Bilingual; office: Bilingual | null };

export type PartnershipStep = {
  level: string;
  rank: number;
  label: Bilingual;
  since: string;
  change: "established" | "upgrade" | "same" | "downgrade";
  note: OptionalBilingual;
  cites: Cites;
};

export type Engagement = {
  key: string;
  date: string;
  endDate: string | null;
  status: "held" | "scheduled" | "cancelled";
  type: { key: string; cameo: string; label: Bilingual };
  place: OptionalBilingual;
  title: Bilingual;
  summary: OptionalBilingual;
  firstOfKind: boolean;
  participants: { person: PersonRef; role: string; side: string | null }[];
  documents: string[];
  cites: Cites;
};

export type Agreement = {
  key: string;
  kind: string;
  title: Bilingual;
  signedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
  parties: string[];
  event: { key: string; title: Bilingual } | null;
  summary: OptionalBilingual;
  cites: Cites;
};

export type Position = {
  key: string;
  kind: string;
  date: string;
  text: Bilingual;
  quote: OptionalBilingual | null;
  speaker: PersonRef | null;
  organization: { key: string; name: Bilingual; abbreviation: string | null } | null;
  cites: Cites;
};

export type PositionsBySide = {
  side: CountryRef;
  topics: { topic: { key: string; kind: string; name: Bilingual }; positions: Position[] }[];
};

export type ProjectBrief = {
  key: string;
  name: Bilingual;
  status: string;
  summary: OptionalBilingual;
  countries: string[];
  mentions: { date: string; status: string | null; note: Bilingual; cites: Cites }[];
};

export type MultilateralItem = {
  organization: { key: string; name: Bilingual; abbreviation: string | null };
  positions: (Position & { side: CountryRef })[];
};

export type TimelineEntry = {
  date: string;
  kind: "engagement" | "agreement" | "partnership";
  label: Bilingual;
};

export type Source = {
  n: number;
  key: string;
  publication: Bilingual;
  title: Bilingual;
  language: string;
  publishedOn: string;
  page: string | null;
  url: string | null;
  note: OptionalBilingual;
};

/** What changed since the previous period (weekly summaries). */
export type Changes = {
  previous: { from: string; to: string };
  counts: {
    engagements: [number, number];
    agreements: [number, number];
    positions: [number, number];
  };
  partnershipChange: PartnershipStep | null;
  /** Facts dated in earlier periods but recorded after the previous period ended. */
  lateAdditions: {
    date: string;
    kind: "engagement" | "agreement" | "position";
    label: Bilingual;
  }[];
};

export type BriefModel = {
  template: TemplateName;
  spec: BriefSpec;
  relationship: { key: string; countries: [CountryRef, CountryRef]; summary: OptionalBilingual };
  partnership: { current: PartnershipStep | null; history: PartnershipStep[] };
  /** Held engagements in the period, oldest first (event-brief: the one event). */
  engagements: Engagement[];
  agreements: Agreement[];
  positions: PositionsBySide[];
  cooperation: {
    areas: { key: string; name: Bilingual; mentions: number }[];
    projects: ProjectBrief[];
  };
  multilateral: MultilateralItem[];
  /** Engagements dated after asOf (or after the period, for weekly summaries). */
  upcoming: Engagement[];
  /** Commitments and requests made in the period: what to watch for follow-up. */
  watch: (Position & { side: CountryRef })[];
  timeline: TimelineEntry[];
  changes: Changes | null;
  sources: Source[];
  counts: { engagements: number; agreements: number; positions: number; sources: number };
};
