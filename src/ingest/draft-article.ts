// Article → draft: the rules' findings turned into dataset records with keys, citations
// (`para N`), English where it can be derived, a confidence and a review note each. What is
// already stored is referenced by its key, not drafted again; with `merge`, records that may
// repeat stored ones (same quote, same mention, same step) are left out too.

import type { z } from "zod";
import { datasetFileSchema } from "../dataset/format.ts";
import { ordinalWord, zhCounter } from "../domain/ordinals.ts";
import { zhOffice } from "../domain/zh-typography.ts";
import { type Article, readArticle } from "./article.ts";
import { findDocuments } from "./documents.ts";
import type {
  Citation,
  CountryPair,
  Draft,
  DraftFile,
  DraftSection,
  EventRecord,
  PartnershipStep,
  ReviewNote,
  StatementRecord,
  Text,
} from "./draft.ts";
import { draftSections } from "./draft.ts";
import { type FoundEvent, findEvents } from "./events.ts";
import { findLevels, findTargets } from "./facts.ts";
import { englishSlug, KeyMaker, slug } from "./keys.ts";
import {
  eventVerbs,
  organizationLexicon,
  projectLexicon,
  publications,
  speakerAdverbs,
  topicLexicon,
} from "./lexicon/vocabulary.ts";
import { type FoundPerson, officeTitle } from "./people.ts";
import { locator, type Sentence } from "./segment.ts";
import { findSpeech, type Speech } from "./statements.ts";
import { pairKey, type StoredRecords } from "./stored.ts";
import { type ArticleInput, checkArticle } from "./text.ts";

export type DraftOptions = { merge?: boolean };
type DatasetFileInput = z.input<typeof datasetFileSchema>;

const bare = (title: string) => title.replace(/[《》\s]/g, "");
const squash = (text: string) => text.replace(/[，。、；：“”‘’《》（）(),.\s]/g, "");

export function draftFromArticle(
  input: ArticleInput,
  stored: StoredRecords,
  options: DraftOptions = {},
): Draft {
  const { text, language } = checkArticle(input);
  const article = readArticle(text, input.publishedOn, stored);
  const draft = new DraftBuilder(article, input, stored, options);
  draft.source();
  if (language === "en") {
    draft.review.push(
      "the text is in English: the rules read Chinese reports, so only the source was drafted",
    );
    return draft.finish();
  }
  if (!article.pair) {
    draft.review.push(
      "no country other than China is named: events and statements need the two countries of a relationship",
    );
    return draft.finish();
  }
  draft.build();
  return draft.finish();
}

/** A named route between two places: 阿亚古兹—塔城铁路, 中国—中亚天然气管道. */
const UNKNOWN_ROUTE =
  /[\u4e00-\u9fff]{2,8}[—－-][\u4e00-\u9fff]{2,8}(?:铁路|公路|天然气管道|管道|走廊)/gu;

/** Words for a meeting of any kind, longest first: a report that has them and yields no event lost one. */
const MEETING_WORDS = /战略对话|会见|会晤|会谈|通电话|通话|对话/g;

/** "达尔表示，" / "会谈中，达尔还说：": a sentence that opens as someone's words; group 1 is who. */
const SAYS = new RegExp(
  `^(?:[^，。“]{0,12}，)?([^，。：“”《》]{1,16}?)(?:(?:${speakerAdverbs})+)?(?:表示|说|指出|强调|重申|认为|称)[，：]`,
);

/** Words before a route's name that the pattern takes in with it (加快推进阿亚古兹—…). */
const ROUTE_LEAD_IN =
  /^(?:加快|推进|推动|共建|建设|开展|实施|关于|围绕|确保|支持|就|在|的|和|与|及|同)+/u;

class DraftBuilder {
  readonly file: DraftFile = { format: 2 };
  readonly notes: ReviewNote[] = [];
  readonly references: Draft["references"] = [];
  readonly review: string[] = [];
  private sourceKey = "";
  private readonly pair: CountryPair;
  private readonly personKeys = new Map<FoundPerson, string>();
  private readonly eventKeys = new Map<FoundEvent, string>();
  private readonly keys: Record<string, KeyMaker>;

  constructor(
    private readonly article: Article,
    private readonly input: ArticleInput,
    private readonly stored: StoredRecords,
    private readonly options: DraftOptions,
  ) {
    this.pair = article.pair ?? ["CN", "CN"];
    this.keys = {
      sources: new KeyMaker(stored.sources.map((s) => s.key)),
      people: new KeyMaker(stored.people.map((p) => p.key)),
      events: new KeyMaker(stored.events.map((e) => e.key)),
      documents: new KeyMaker(stored.documents.map((d) => d.key)),
      statements: new KeyMaker(stored.statements.map((s) => s.key)),
      projectMentions: new KeyMaker(),
      targets: new KeyMaker(stored.targets.map((t) => t.key)),
    };
  }

  private add<S extends DraftSection>(
    section: S,
    record: NonNullable<DraftFile[S]>[number],
    note: { key: string; confidence: number; review: string[]; locator?: string },
  ) {
    const list = (this.file[section] ?? []) as unknown[];
    list.push(record);
    (this.file as Record<string, unknown>)[section] = list;
    this.notes.push({ section, ...note });
  }

  private cite(...sentences: Sentence[]): Citation[] {
    const paras = [...new Set(sentences.map((s) => s.para))].sort((a, b) => a - b);
    return [{ source: this.sourceKey, locator: paras.map(locator).join("; ") }];
  }

  source() {
    const { input } = this;
    const title = input.title ?? this.article.paragraphs.find((p) => p.heading)?.text;
    const found = this.storedSource(title);
    const review: string[] = [];
    if (found.stored) {
      this.sourceKey = found.stored.key;
      this.references.push({ section: "sources", key: found.stored.key });
      if (found.note) this.review.push(found.note);
      return;
    }
    if (found.note) review.push(found.note);
    const known = publications.find((p) => p.zh.test(input.publication));
    const base = [known?.key ?? slug(input.publication), input.publishedOn];
    if (input.page) base.push(`p${slug(input.page)}`);
    if (title) base.push(slug(title).split("-").slice(0, 8).join("-"));
    this.sourceKey = this.keys.sources?.make(base.join("-")) ?? "";
    if (!title) review.push("no title: give one with --title");
    if (!known) review.push("publication.en is the name as given: put its English name");
    this.add(
      "sources",
      {
        key: this.sourceKey,
        // A publication's name is read in both languages: the name as given stands in for the
        // English one until a reviewer supplies it.
        publication: { zh: input.publication, en: known?.en ?? input.publication },
        title: { zh: title ?? input.publication },
        language: "zh",
        publishedOn: input.publishedOn,
        ...(input.page ? { page: input.page } : {}),
        ...(input.url ? { url: input.url } : {}),
      },
      { key: this.sourceKey, confidence: title ? 1 : 0.7, review },
    );
  }

  /**
   * The stored source this report is, if any: the same URL, or the same title, of the same
   * publication and day. A title may have been edited in review, so the same page is a likely
   * match too: with `merge` it is referenced, without it drafted; either way with a note. A page
   * holds several reports (the seed's page 3 has two), so only a page with one stored is taken.
   */
  private storedSource(title: string | undefined): {
    stored?: StoredRecords["sources"][number];
    note?: string;
  } {
    const { input } = this;
    const sameDay = this.stored.sources.filter(
      (s) => s.publication === input.publication && s.publishedOn === input.publishedOn,
    );
    const stored =
      (input.url ? sameDay.find((s) => s.url === input.url) : undefined) ??
      sameDay.find((s) => !title || s.title === title);
    if (stored) return { stored };
    // Two URLs are two reports, whatever their page.
    const onPage = input.page
      ? sameDay.filter((s) => s.page === input.page && !(input.url && s.url && s.url !== input.url))
      : [];
    const [only] = onPage;
    if (onPage.length > 1) {
      return {
        note: `stored sources ${onPage.map((s) => s.key).join(", ")} are of the same publication, day and page: if this report is one of them, cite its key instead`,
      };
    }
    if (!only) return {};
    const which = `stored source ${only.key} ("${only.title}"), of the same publication, day and page`;
    return this.options.merge
      ? {
          stored: only,
          note: `the report is taken as ${which}; if it is another report on that page, ingest it without --merge`,
        }
      : { note: `may be ${which}: cite its key instead if it is` };
  }

  build() {
    const speech = findSpeech(this.article);
    const narrativeOf = (s: Sentence) => {
      const said = speech.get(s);
      return said ? (said.carried ? "" : s.text.slice(0, said.quoteAt)) : s.text;
    };
    const events = findEvents(this.article, narrativeOf);
    const documents = findDocuments(this.article, events);
    this.countries();
    this.people();
    this.events(events);
    if (events.length === 0) this.noEvent(narrativeOf);
    this.relationship(events);
    for (const d of documents) {
      const storedDoc = this.stored.documents.find(
        (s) => s.name.zh && bare(s.name.zh) === bare(d.title),
      );
      if (storedDoc) {
        this.references.push({
          section: "documents",
          key: storedDoc.key,
          locator: locator(d.sentence.para),
        });
        continue;
      }
      const eventKey = d.event ? this.eventKeys.get(d.event) : undefined;
      const date = d.event?.date ?? this.article.leadDate ?? this.article.published;
      const key = this.keys.documents?.make(`${date}-${d.kind.replace(/_/g, "-")}`) ?? "";
      this.add(
        "documents",
        {
          key,
          kind: d.kind,
          action: d.action,
          title: { zh: d.title },
          date,
          ...(eventKey ? { event: eventKey } : {}),
          ...(d.validFrom ? { validFrom: d.validFrom, validTo: d.validTo } : {}),
          between: this.pair,
          parties: this.pair.map((country) => ({ country })),
          sources: this.cite(d.sentence),
        },
        {
          key,
          confidence: d.review.length === 0 ? 0.9 : 0.75,
          review: ["title untranslated: add title.en", ...d.review],
          locator: locator(d.sentence.para),
        },
      );
    }
    const statementKeys = this.statements(speech, events);
    this.unattributed(speech);
    this.projects(speech, events);
    this.targets(statementKeys);
    this.reference();
  }

  /**
   * A report that speaks of a meeting yet yields no event: its participants were not recognised
   * (an event needs two), and the draft would otherwise look complete. Words in reported speech
   * (王毅说，…举行第六轮外长战略对话) are about other meetings and do not count.
   */
  private noEvent(narrativeOf: (s: Sentence) => string) {
    const paras: number[] = [];
    const words = new Set<string>();
    for (const p of this.article.paragraphs) {
      const found = p.sentences.flatMap((s) =>
        [...narrativeOf(s).matchAll(MEETING_WORDS)].map((m) => m[0]),
      );
      if (found.length === 0) continue;
      paras.push(p.para);
      for (const word of found) words.add(word);
    }
    if (paras.length === 0) return;
    // First: everything else in the draft hangs on the events it lacks.
    this.review.unshift(
      `${paras.map(locator).join("; ")}: the report speaks of a meeting (${[...words].join(", ")}) but no event was drafted: the rules did not recognise two of the people in it; add the event, and anyone missing from people, by hand`,
    );
  }

  /**
   * Sentences that open as someone's words (达尔表示，…) whose speaker the rules do not know: no
   * statement was drafted, or it went to the speaker of the sentence before.
   */
  private unattributed(speech: Map<Sentence, Speech>) {
    for (const p of this.article.paragraphs) {
      if (p.heading) continue;
      for (const s of p.sentences) {
        const said = speech.get(s);
        if (said && !said.carried) continue;
        const m = SAYS.exec(s.text);
        if (!m) continue;
        const outcome = said
          ? "drafted as the words of the speaker before it: check the speaker"
          : "no statement was drafted from it";
        this.review.push(
          `${locator(p.para)}: "${m[0]}…" reads as reported speech, but ${m[1]} is not recognised as a speaker: ${outcome}`,
        );
      }
    }
  }

  private countries() {
    for (const code of this.pair) {
      if (this.stored.countries.some((c) => c.code === code)) continue;
      const record = this.article.gazetteer.record(code);
      if (!record) continue;
      this.add("countries", record, {
        key: code,
        confidence: 1,
        review: ["from the built-in country table"],
      });
    }
  }

  private people() {
    for (const person of this.article.people.people) {
      if (person.storedKey) {
        this.personKeys.set(person, person.storedKey);
        this.references.push({
          section: "people",
          key: person.storedKey,
          locator: locator(person.para),
        });
        continue;
      }
      const key = this.keys.people?.make(slug(person.zh)) ?? "";
      this.personKeys.set(person, key);
      const short = person.zh.includes("·")
        ? person.zh.slice(person.zh.lastIndexOf("·") + 1)
        : undefined;
      const review = [
        ...person.review,
        ...(person.en ? [] : ["English name unknown: add name.en"]),
      ];
      if (person.titles.length === 0) review.push("no title of office in the report");
      this.add(
        "people",
        {
          key,
          name: { zh: person.zh, ...(person.en ? { en: person.en } : {}) },
          ...(short ? { aliases: [short] } : {}),
          ...(person.country ? { country: person.country } : {}),
          // 副总理兼外长 and 副总理兼外交部长 are one office, written out in full.
          offices: [...new Set(person.titles.flatMap((t) => t.split("、")).map(zhOffice))].map(
            (t) => ({
              title: officeTitle(t, person.country, this.article.gazetteer),
              sources: [{ source: this.sourceKey, locator: locator(person.para) }],
            }),
          ),
        },
        { key, confidence: person.country ? 0.85 : 0.6, review, locator: locator(person.para) },
      );
    }
  }

  private nameOf(person: FoundPerson): Text {
    const short = person.zh.includes("·")
      ? person.zh.slice(person.zh.lastIndexOf("·") + 1)
      : person.zh;
    return { zh: short, ...(person.en ? { en: person.en } : {}) };
  }

  private titleOf(e: FoundEvent): Text {
    const [a, b] = [...e.participants].sort((x, y) => rank(x.role) - rank(y.role));
    const A = a ? this.nameOf(a.person) : { zh: "" };
    const B = b ? this.nameOf(b.person) : { zh: "" };
    const country = e.visited ? this.article.gazetteer.byCode(e.visited)?.name : undefined;
    // The report's own counter (第七轮, 第三次); else as briefs count rounds of a dialogue.
    const counter = e.counter ?? zhCounter("战略对话");
    const first = e.firstOfKind
      ? "首次"
      : e.ordinal
        ? `第${ordinalWord(e.ordinal, "zh")}${counter}`
        : "";
    const firstEn = e.firstOfKind ? "first " : e.ordinal ? `${ordinalWord(e.ordinal, "en")} ` : "";
    const both = A.en && B.en;
    switch (e.type) {
      case "visit": {
        const visitor = e.participants.find((p) => p.role === "guest");
        const V = visitor ? this.nameOf(visitor.person) : A;
        return {
          zh: `${V.zh}访问${country?.zh ?? ""}`,
          ...(V.en && country?.en ? { en: `${V.en} visits ${country.en}` } : {}),
        };
      }
      case "meeting":
        return { zh: `${A.zh}会见${B.zh}`, ...(both ? { en: `${A.en} meets ${B.en}` } : {}) };
      case "talks":
        return {
          zh: `${A.zh}同${B.zh}会谈`,
          ...(both ? { en: `${A.en} holds talks with ${B.en}` } : {}),
        };
      case "strategic_dialogue":
        return {
          zh: `${A.zh}同${B.zh}举行${first}战略对话`,
          ...(both ? { en: `${A.en} and ${B.en} hold the ${firstEn}strategic dialogue` } : {}),
        };
      case "phone_call":
        return {
          zh: `${A.zh}同${B.zh}通电话`,
          ...(both ? { en: `${A.en} and ${B.en} speak by telephone` } : {}),
        };
      default:
        return { zh: `${A.zh}出席峰会` };
    }
  }

  private events(events: FoundEvent[]) {
    const usedTypes = new Set<string>();
    for (const e of events) {
      const participantKeys = e.participants.map((p) => this.personKeys.get(p.person) ?? "");
      const storedEvent = this.stored.events.find(
        (s) =>
          s.date === e.date &&
          s.type === e.type &&
          participantKeys.every((k) => s.participants.includes(k)),
      );
      if (storedEvent) {
        this.eventKeys.set(e, storedEvent.key);
        this.references.push({ section: "events", key: storedEvent.key, locator: locator(e.para) });
        continue;
      }
      const title = this.titleOf(e);
      const key =
        this.keys.events?.make(
          `${e.date}-${title.en ? englishSlug(title.en) : slug(title.zh ?? e.type)}`,
        ) ?? "";
      this.eventKeys.set(e, key);
      usedTypes.add(e.type);
      const review = [...e.review];
      if (!title.en) review.push("title untranslated: a participant's English name is unknown");
      const record: EventRecord = {
        key,
        between: this.pair,
        type: e.type,
        status: "held",
        date: e.date,
        ...(e.host ? { host: e.host } : {}),
        ...(e.place ? { place: { en: e.place.en, zh: e.place.zh } } : {}),
        title,
        ...(e.parent ? { parent: this.eventKeys.get(e.parent) } : {}),
        ...(e.ordinal ? { ordinal: e.ordinal } : {}),
        ...(e.firstOfKind ? { firstOfKind: true } : {}),
        participants: e.participants.map((p, i) => ({
          person: participantKeys[i] ?? "",
          role: p.role,
          ...(p.person.country ? { side: p.person.country } : {}),
        })),
        sources: this.cite(...e.sentences),
      };
      this.add("events", record, {
        key,
        confidence: review.length === 0 ? 0.9 : 0.75,
        review,
        locator: locator(e.para),
      });
    }
    for (const type of usedTypes) {
      if (this.stored.eventTypes.includes(type)) continue;
      const verb = eventVerbs.find((v) => v.type === type);
      if (!verb) continue;
      this.add(
        "eventTypes",
        { key: type, cameo: verb.cameo, label: { en: verb.en, zh: verb.zh } },
        {
          key: type,
          confidence: 1,
          review: [],
        },
      );
    }
  }

  private relationship(events: FoundEvent[]) {
    const known = this.stored.relationships.get(pairKey(...this.pair));
    const steps: PartnershipStep[] = [];
    for (const level of findLevels(this.article, events)) {
      if (!level.level) {
        this.review.push(`${locator(level.sentence.para)}: ${level.review.join("; ")}`);
        continue;
      }
      if (known?.has(level.level) && this.options.merge) continue;
      if (steps.some((s) => s.level === level.level)) continue;
      steps.push({
        level: level.level,
        ...(level.since ? { since: level.since } : { attestedOn: level.attestedOn }),
        sources: this.cite(level.sentence),
      });
    }
    if (known && steps.length === 0) return;
    const key = pairKey(...this.pair);
    this.add(
      "relationships",
      { between: this.pair, ...(steps.length > 0 ? { partnerships: steps } : {}) },
      {
        key,
        confidence: 0.8,
        review: steps.map((s) =>
          s.since
            ? `${s.level}: established on ${s.since} as the report says`
            : `${s.level}: attested by this report; when it was established is not said`,
        ),
      },
    );
  }

  private eventFor(said: Speech, events: FoundEvent[]): FoundEvent | undefined {
    const para = said.sentence.para;
    // The event last spoken of up to this paragraph is the one the words were said at.
    const lastMention = (e: FoundEvent) =>
      Math.max(0, ...e.sentences.map((s) => s.para).filter((p) => p <= para));
    const involved = (e: FoundEvent) =>
      said.speaker
        ? e.participants.some((p) => p.person === said.speaker)
        : e.participants.some((p) => said.side === "joint" || p.person.country === said.side);
    const setting = said.setting ?? "";
    const fits = (e: FoundEvent) =>
      /对话/.test(setting)
        ? e.type === "strategic_dialogue"
        : /会谈|会见|会晤/.test(setting)
          ? e.type !== "visit" && e.type !== "strategic_dialogue"
          : e.type !== "visit";
    const candidates = events
      .filter((e) => lastMention(e) > 0 && involved(e))
      .sort((a, b) => lastMention(b) - lastMention(a));
    return (
      candidates.find(fits) ?? candidates[0] ?? events.find((e) => e.type !== "visit") ?? events[0]
    );
  }

  /** Drafts the statements; returns each one's key and date by its sentence. */
  private statements(
    speech: Map<Sentence, Speech>,
    events: FoundEvent[],
  ): Map<Sentence, { key: string; date: string }> {
    const keys = new Map<Sentence, { key: string; date: string }>();
    const usedTopics = new Set<string>();
    const usedOrgs = new Set<string>();
    for (const said of speech.values()) {
      const sentence = squash(said.sentence.text);
      const repeats = this.stored.statements.find(
        (s) =>
          s.side === said.side &&
          ((s.quote && sentence.includes(squash(s.quote))) ||
            (s.text && squash(s.text).includes(squash(said.quote)))),
      );
      if (repeats && this.options.merge) continue;
      const event = this.eventFor(said, events);
      const date = event?.date ?? this.article.leadDate ?? this.article.published;
      const key =
        this.keys.statements?.make(
          `${said.side.toLowerCase()}-${said.topics[0]?.replace(/_/g, "-")}-${date}`,
        ) ?? "";
      keys.set(said.sentence, { key, date });
      for (const t of said.topics) usedTopics.add(t);
      for (const o of said.organizations) usedOrgs.add(o);
      const review: string[] = [];
      if (said.carried) review.push("speaker carried from the sentence before");
      if (said.inherited) review.push("speaker: the person whose words the paragraph reports");
      if (said.side === "joint") review.push("joint: both sides said it");
      review.push(`kind ${said.kind}: ${said.why}`);
      // One sentence is one record; a second verb of another kind is the reviewer's to weigh.
      const also = alsoSaid(said.kind, said.quote);
      if (also) review.push(`also ${also}: make a second record if it matters on its own`);
      if (repeats) review.push(`may repeat stored statement ${repeats.key}`);
      review.push("text untranslated: add text.en");
      const record: StatementRecord = {
        key,
        between: this.pair,
        side: said.side,
        ...(said.speaker ? { speaker: this.personKeys.get(said.speaker) } : {}),
        ...(event ? { event: this.eventKeys.get(event) } : {}),
        kind: said.kind,
        verb: said.verb,
        topics: said.topics,
        ...(said.organizations.length > 0 ? { organizations: said.organizations } : {}),
        ...(said.projects.length > 0 ? { projects: said.projects } : {}),
        date,
        text: { zh: said.sentence.text },
        quote: { zh: said.quote },
        sources: this.cite(said.sentence),
      };
      const confidence = said.carried ? 0.6 : said.why.includes("stated position") ? 0.7 : 0.8;
      this.add("statements", record, {
        key,
        confidence,
        review,
        locator: locator(said.sentence.para),
      });
    }
    for (const key of usedTopics) {
      if (this.stored.topics.includes(key)) continue;
      const entry = topicLexicon.find((t) => t.key === key);
      if (!entry) continue;
      this.add(
        "topics",
        { key, kind: entry.kind, name: entry.name },
        { key, confidence: 1, review: [] },
      );
    }
    for (const key of usedOrgs) {
      if (this.stored.organizations.some((o) => o.key === key)) continue;
      const entry = organizationLexicon.find((o) => o.key === key);
      if (!entry) continue;
      const { words: _words, ...record } = entry;
      this.add("organizations", record, { key, confidence: 1, review: [] });
    }
    return keys;
  }

  private projects(speech: Map<Sentence, Speech>, events: FoundEvent[]) {
    const drafted = new Set<string>();
    const mentioned = new Set<string>();
    for (const p of this.article.paragraphs) {
      // A route the lexicon does not know (阿亚古兹—塔城铁路) is not drafted, but not passed over.
      for (const [found] of p.text.matchAll(UNKNOWN_ROUTE)) {
        const name = found.replace(ROUTE_LEAD_IN, "");
        const known =
          projectLexicon.some((x) => x.words.test(name)) ||
          this.stored.projects.some((x) => x.name.zh === name);
        const note = `${locator(p.para)}: ${name} may be a project the rules do not know: add it under projects (and its mentions) if it is one`;
        if (!known && !this.review.includes(note)) this.review.push(note);
      }
      for (const s of p.sentences) {
        const said = speech.get(s);
        for (const project of projectLexicon.filter((x) => x.words.test(s.text))) {
          const event = said ? this.eventFor(said, events) : events.find((e) => e.para <= p.para);
          const date = event?.date ?? this.article.leadDate ?? this.article.published;
          const storedProject = this.stored.projects.find(
            (x) => x.key === project.key || x.name.zh === project.name.zh,
          );
          const key = storedProject?.key ?? project.key;
          if (storedProject)
            this.references.push({ section: "projects", key, locator: locator(p.para) });
          else if (!drafted.has(key)) {
            drafted.add(key);
            this.add(
              "projects",
              { key, name: project.name, countries: project.countries, topics: project.topics },
              {
                key,
                confidence: 0.9,
                review: ["status unknown: add a dated status step from a source that gives one"],
              },
            );
          }
          const eventKey = event ? this.eventKeys.get(event) : undefined;
          const once = `${key}@${eventKey ?? date}`;
          if (mentioned.has(once)) continue;
          mentioned.add(once);
          const repeats = this.stored.projectMentions.some(
            (m) => m.project === key && m.date === date,
          );
          if (repeats && this.options.merge) continue;
          const mentionKey = this.keys.projectMentions?.make(`${key}-${date}`) ?? "";
          this.add(
            "projectMentions",
            {
              key: mentionKey,
              project: key,
              date,
              ...(eventKey ? { event: eventKey } : {}),
              note: { zh: s.text },
              sources: this.cite(s),
            },
            {
              key: mentionKey,
              confidence: 0.8,
              review: [
                "note untranslated: add note.en",
                ...(repeats ? [`may repeat a stored mention of ${key} on ${date}`] : []),
              ],
              locator: locator(p.para),
            },
          );
        }
      }
    }
  }

  private targets(statementKeys: Map<Sentence, { key: string; date: string }>) {
    for (const t of findTargets(this.article)) {
      if (
        this.stored.targets.some((s) => squash(s.title) === squash(t.title)) &&
        this.options.merge
      )
        continue;
      const key =
        this.keys.targets?.make(
          `${this.pair.join("-").toLowerCase()}-target-${t.unit.toLowerCase()}-${t.amount / 1e8}e8`,
        ) ?? "";
      const statement = statementKeys.get(t.sentence);
      this.add(
        "targets",
        {
          key,
          between: this.pair,
          title: { zh: t.title },
          amount: t.amount,
          unit: t.unit,
          ...(t.by ? { by: t.by } : {}),
          status: t.status,
          ...(statement ? { statements: [statement.key] } : {}),
          // Set when the statement that states it was made; else on the day the report leads with.
          date: statement?.date ?? this.article.leadDate ?? this.article.published,
          sources: this.cite(t.sentence),
        },
        { key, confidence: 0.7, review: t.review, locator: locator(t.sentence.para) },
      );
    }
  }

  private reference() {
    const seen = new Set<string>();
    const unique = this.references.filter((r) => {
      const id = `${r.section}:${r.key}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    this.references.splice(0, this.references.length, ...unique);
  }

  finish(): Draft {
    this.leaveOutInvalid();
    const file: DraftFile = { format: 2 };
    for (const section of draftSections) {
      if (this.file[section]?.length)
        (file as Record<string, unknown>)[section] = this.file[section];
    }
    return { file, notes: this.notes, references: this.references, review: this.review };
  }

  /**
   * The draft must import as it is: a record the dataset format refuses (a rule's slip) is left
   * out and named in the review list, rather than making the whole file fail.
   */
  private leaveOutInvalid() {
    const checked = datasetFileSchema.safeParse(this.file satisfies DatasetFileInput);
    if (checked.success) return;
    const bad = new Map<string, string>();
    for (const issue of checked.error.issues) {
      const [section, index] = issue.path;
      if (typeof section !== "string" || typeof index !== "number") continue;
      bad.set(`${section}:${index}`, `${issue.path.slice(2).join(".")}: ${issue.message}`);
    }
    for (const section of draftSections) {
      const records = this.file[section] as { key?: string; code?: string }[] | undefined;
      if (!records) continue;
      const notes = this.notes.filter((n) => n.section === section);
      const keep = records.map((_, i) => !bad.has(`${section}:${i}`));
      records.forEach((r, i) => {
        const problem = bad.get(`${section}:${i}`);
        if (problem) this.review.push(`left out ${section} ${r.key ?? r.code ?? i}: ${problem}`);
      });
      (this.file as Record<string, unknown>)[section] = records.filter((_, i) => keep[i]);
      const dropped = new Set(notes.filter((_, i) => !keep[i]));
      this.notes.splice(0, this.notes.length, ...this.notes.filter((n) => !dropped.has(n)));
    }
  }
}

function rank(role: string): number {
  return role === "host" ? 0 : role === "head_of_delegation" ? 1 : role === "guest" ? 2 : 3;
}

/** A verb of another kind later in a statement (中方愿…，希望哈方…): what else it says. */
function alsoSaid(kind: string, quote: string): string | null {
  const rest = quote.slice(2);
  if (kind !== "request" && /，(?:并|还|同时)?(?:希望|期待)/.test(rest))
    return "希望/期待 (a request)";
  if (kind !== "willingness" && kind !== "commitment" && /，(?:并|还)?愿/.test(rest)) {
    return "愿 (readiness)";
  }
  return null;
}
