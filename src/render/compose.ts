// The sentences a brief is made of, composed from the model's facts in the locale: every word
// from the locale files, every piece of data escaped, citation marks where the language's
// typesetting puts them (English after the full stop, Chinese before 。).

import type Handlebars from "handlebars";
import type {
  DocumentFact,
  Engagement,
  Lead,
  PersonRef,
  Statement,
  WatchItem,
} from "../briefs/model.ts";
import { amountText } from "../domain/amounts.ts";
import { addDays, yearEndingOn } from "../domain/dates.ts";
import type { Locale } from "../domain/locale.ts";
import { ordinalWord, zhCounter } from "../domain/ordinals.ts";
import { isoWeekLabel } from "../domain/periods.ts";
import { commonPlace, placeInProse } from "../domain/places.ts";
import { type Arg, type Bilingualish, html, safe, type Translator } from "./i18n.ts";
import {
  citedTitle,
  citeMarks,
  countryName,
  personName,
  publicationName,
  type RenderState,
  sideName,
} from "./render-state.ts";

type Html = Handlebars.SafeString;

const unique = (cites: number[]) => [...new Set(cites)].sort((a, b) => a - b);
export const stripStop = (text: string) => text.replace(/[.。]\s*$/u, "");

/** "a" or "an" before an English word (a strategic…, an upgrade…, a unified…). */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(uni|use|one|eu)/i.test(word) ? "an" : "a";
}

/** A label (Planned) as a word inside an English sentence (planned). */
export const prose = (render: RenderState, label: string) =>
  render.tr.locale === "en" ? lowerFirst(label) : label;

/** "Strategic dialogue" → "strategic dialogue" inside an English sentence; acronyms stay. */
const lowerFirst = (text: string) =>
  /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;

/** One sentence: its body (HTML, no final stop) and its citations, stopped the locale's way. */
export function sentence(
  render: RenderState,
  body: Arg,
  cites: number[],
  language: "en" | "zh" = render.tr.locale,
): Html {
  const marks = citeMarks(unique(cites)).toHTML();
  const text = html(body);
  // A quotation that ends with its own stop ends the sentence: 。” then the marks, ." then the
  // marks, never a second stop.
  if (QUOTED_STOP.test(text)) return safe(`${text}${marks}`);
  // A sentence left in the other language (untranslated) stops as that language does.
  const stop = language === render.tr.locale ? render.tr.plain("punct.stop") : STOPS[language];
  return safe(language === "zh" ? `${text}${marks}${stop}` : `${text}${stop}${marks}`);
}

const STOPS = { en: ".", zh: "\u3002" } as const;
/** HTML ending in a stop inside closing quotation marks (escaped or not), tags aside. */
const QUOTED_STOP = /[.。!?！？…](?:[”’」』»"']|&quot;|&#x27;|&#39;)+(?:<\/[a-z]+>)*\s*$/u;

/** A document's title as prose cites it: 《…》 in Chinese, "the …" in English. */
export function documentTitle(tr: Translator, given: DocumentFact["title"]): string {
  const title = citedTitle(tr, tr.asGiven(given));
  // The mark goes after the title's 《》, not inside.
  return tr.untranslated(given) ? tr.plain("label.original", { text: title }) : title;
}

function guestSide(lead: Lead): string | null {
  const e = lead.engagement;
  const all = [e, ...lead.meetings].flatMap((m) => m.participants);
  const guest = all.find((p) => p.role === "guest")?.side;
  return guest ?? all.find((p) => p.side && p.side !== e.hostCountry)?.side ?? null;
}

/** 会见: the host receives the guest; a guest side's subject is received, never "meets". */
const receivedBy = (meeting: Engagement, side: string | null) =>
  meeting.type.key === "meeting" &&
  meeting.participants.some((p) => p.side !== side && p.role === "host");

/**
 * Whom the guest side met: the other side's principals (host, guest, head of delegation);
 * those who only attended (role `participant`: 王毅等参加上述活动) are named only when nobody
 * else is on record for that side.
 */
function counterparts(meeting: Engagement, side: string | null): Engagement["participants"] {
  const others = meeting.participants.filter((p) => p.side !== side);
  const principals = others.filter((p) => p.role !== "participant");
  return principals.length > 0 ? principals : others;
}

function meetingAction(render: RenderState, meeting: Engagement, side: string | null): Html {
  const { tr } = render;
  const who = tr.list(counterparts(meeting, side).map((p) => personName(render, p.person)));
  if (meeting.participants.every((p) => p.side === side)) {
    return tr.t("lead.action.in", { title: tr.text(meeting.title) });
  }
  const type = meeting.type.key;
  if (receivedBy(meeting, side)) return tr.t("lead.action.receivedBy", { who });
  if (type === "meeting" || type === "talks" || type === "phone_call") {
    return tr.t(`lead.action.${type}`, { who });
  }
  const label =
    tr.locale === "en" ? lowerFirst(tr.text(meeting.type.label)) : tr.text(meeting.type.label);
  const first = meeting.firstOfKind || meeting.ordinal === 1;
  if (!first && meeting.ordinal) {
    const ordinal = ordinalWord(meeting.ordinal, tr.locale);
    return tr.t("lead.action.ordinal", { who, label, ordinal, counter: zhCounter(label) });
  }
  return tr.t(first ? "lead.action.first" : "lead.action.other", {
    who,
    label,
    a: article(label),
  });
}

/** Who met whom, where, and what was new. */
function leadSentence(render: RenderState, lead: Lead): Html {
  const { tr } = render;
  const e = lead.engagement;
  const side = guestSide(lead);
  const subjects = [e, ...lead.meetings]
    .flatMap((m) => m.participants)
    .filter(
      (p, i, all) => p.side === side && all.findIndex((q) => q.person.key === p.person.key) === i,
    )
    .map((p) => p.person);
  // A trip's engagements may be in different places of one city: then the city.
  const given = tr.text(commonPlace([e, ...lead.meetings].map((m) => m.place)));
  const place = given && tr.locale === "en" ? placeInProse(given) : given;
  // A trip's engagements may span days: from the first to the last.
  const days = [e, ...lead.meetings].flatMap((m) => [m.date, m.endDate ?? m.date]).sort();
  const [from, to] = [days[0] as string, days.at(-1) as string];
  const date = from === to ? tr.date(from) : tr.dateRange(from, to);
  const cites = [e, ...lead.meetings].flatMap((m) => m.cites);
  if (subjects.length === 0) {
    // No participant on record: the engagement is named, never made the subject of a verb.
    const named = tr.t(place ? "lead.titleOnly" : "lead.titleOnlyNoPlace", {
      date,
      place,
      title: tr.text(e.title),
    });
    return sentence(render, named, cites);
  }
  const subject = subjectNames(render, subjects);
  const [only, ...more] = lead.meetings;
  if (only && more.length === 0 && place && receivedBy(only, side)) {
    // A reception alone is told as it is announced: the host receives the guest.
    const hosts = counterparts(only, side);
    const received = tr.t("lead.received", {
      date,
      place,
      host: subjectNames(
        render,
        hosts.map((p) => p.person),
      ),
      subject,
    });
    return sentence(render, received, cites);
  }
  const actions = lead.meetings.map((m) => meetingAction(render, m, side));
  const body = tr.t(place ? "lead.sentence" : "lead.sentenceNoPlace", {
    date,
    place,
    subject,
    actions: tr.list(actions, "actions"),
  });
  return sentence(
    render,
    body,
    [e, ...lead.meetings].flatMap((m) => m.cites),
  );
}

function subjectNames(render: RenderState, people: PersonRef[]): Html {
  return render.tr.list(people.map((p) => personName(render, p)));
}

/** What was issued and what was signed, with the verbs the documents' actions give. */
function documentsSentence(render: RenderState, documents: DocumentFact[]): Html | null {
  if (documents.length === 0) return null;
  const { tr } = render;
  const byAction = new Map<string, DocumentFact[]>();
  for (const d of documents) byAction.set(d.action, [...(byAction.get(d.action) ?? []), d]);
  const parts = [...byAction].map(([action, docs]) =>
    tr.t(`documents.action.${action}`, {
      titles: tr.list(
        docs.map((d) => tr.t("documents.title", { title: documentTitle(tr, d.title) })),
      ),
    }),
  );
  const parties = new Set(documents.flatMap((d) => d.parties));
  const both = render.model.relationship.countries.every((c) => parties.has(c.code));
  const body = tr.t(both || parties.size === 0 ? "documents.sentence" : "documents.sentenceBy", {
    actions: tr.list(parts, "actions"),
    parties: tr.list([...parties].map((c) => countryName(render, c))),
  });
  return sentence(
    render,
    body,
    documents.flatMap((d) => d.cites),
  );
}

/**
 * Statements as clauses of one sentence, each cited where it ends. Statements the reader's
 * language lacks cannot be clauses of it: each is then a sentence of its own, as given (the
 * caller notes that they are untranslated).
 */
function clausesSentence(render: RenderState, statements: Statement[]): Html {
  const { tr } = render;
  if (statements.some((s) => tr.untranslated(s.text))) {
    const sentences = statements.map((s) =>
      storedSentence(render, spoken(s, tr.locale), s.cites, false),
    );
    return safe(sentences.map((s) => s.toHTML()).join(" "));
  }
  const sep = tr.plain("punct.clause");
  const clauses = statements.map((s, i) => {
    // A clause after one by the same speaker goes on with their words: named once.
    const sameSpeaker = i > 0 && s.speaker && statements[i - 1]?.speaker?.key === s.speaker.key;
    const spokenText = stripStop(tr.text(sameSpeaker ? s.text : spoken(s, tr.locale)));
    const text = i > 0 && tr.locale === "en" ? lowerLead(spokenText) : spokenText;
    const next = statements[i + 1];
    const last = i === statements.length - 1;
    const same = next && next.cites.join() === s.cites.join();
    // English puts the last marks after the full stop (sentence() does), Chinese before it.
    const marks = same || last ? "" : citeMarks(s.cites).toHTML();
    return `${html(text)}${marks}`;
  });
  return sentence(render, safe(clauses.join(html(sep))), statements.at(-1)?.cites ?? []);
}

/** An English sentence's first word in lower case, when it is one that is not a name. */
const lowerLead = (text: string) =>
  text.replace(/^(In|The|Both|Jointly|After|With|On|At|As|It|This)\b/, (w) => w.toLowerCase());

/**
 * A statement's text with its speaker first where the text does not name them ("Wang Yi said
 * …", 王毅表示，…): whether a premier or a minister said it matters to the reader. Only in the
 * reader's language: a text printed as its source gave it stays as given.
 */
function spoken(s: Statement, locale: Locale): Statement["text"] {
  const speaker = s.speaker;
  const text = s.text[locale];
  if (!speaker || !text) return s.text;
  // The source's own reporting verb where it is one (强调 is not 表示); other verbs (承诺, 希望)
  // are in the text itself.
  const verb = s.verb && s.verb in REPORTING ? s.verb : "表示";
  if (locale === "zh") {
    const parts = speaker.name.zh.split("·");
    if (parts.some((p) => p.length >= 2 && text.includes(p))) return s.text;
    return { ...s.text, zh: `${parts.at(-1)}${verb}，${text}` };
  }
  const words = speaker.name.en.split(" ");
  if ([speaker.name.en, ...words.filter((w) => w.length >= 3)].some((n) => text.includes(n)))
    return s.text;
  // Chinese names are written whole (Wang Yi); others by the surname (Kulubaev).
  const short = speaker.country === "CN" ? speaker.name.en : words.at(-1);
  const said = REPORTING[verb] as string;
  // "said in the field of security, …" would read as where it was said.
  const that = said !== "said" || /^(?:In|After|With|On|At|As)\b/.test(text) ? "that " : "";
  return { ...s.text, en: `${short} ${said} ${that}${lowerLead(text)}` };
}

/** Reporting verbs in English. */
const REPORTING: Record<string, string> = {
  表示: "said",
  说: "said",
  称: "said",
  强调: "stressed",
  指出: "noted",
  重申: "reaffirmed",
};

/** The note after a text (or a run of them) that the reader's language lacks. */
const untranslatedNote = (tr: Translator): Html =>
  safe(`<span class="untranslated">${tr.t("label.untranslated").toHTML()}</span>`);

/**
 * A stored text as a sentence with its marks. A text the reader's language lacks is printed as
 * its source gave it, stopped and marked as that language is (Chinese: marks before 。), with a
 * note that it is not translated (unless `note` is false: the caller notes a run of them once).
 */
export function storedSentence(
  render: RenderState,
  text: Bilingualish | null,
  cites: number[],
  note = true,
): Html {
  const { tr } = render;
  const body = stripStop(tr.asGiven(text));
  if (!tr.untranslated(text)) return sentence(render, body, cites);
  const original = tr.locale === "en" ? "zh" : "en";
  const stopped = sentence(render, body, cites, original).toHTML();
  const lang = original === "zh" ? "zh-CN" : "en";
  const given = `<span lang="${lang}">${stopped}</span>`;
  return safe(note ? `${given} ${untranslatedNote(tr).toHTML()}` : given);
}

/** A statement as a line of its own: its text, its citation, and in English the Chinese words. */
export function statementLine(
  render: RenderState,
  s: Statement,
  withOriginal: boolean,
  attributed = true,
): Html {
  const { tr } = render;
  // A register names each statement's speaker on a line of its own (`attributed` false).
  const body = storedSentence(render, attributed ? spoken(s, tr.locale) : s.text, s.cites).toHTML();
  // The Chinese words beside the English; not when the text itself is already the Chinese.
  const original =
    withOriginal && tr.locale === "en" && s.quote?.zh && !tr.untranslated(s.text)
      ? s.quote.zh
      : null;
  if (!original) return safe(body);
  // A quotation inside the quotation marks takes single ones: “…‘…’…”. A quote is the source's
  // own words: as given, not marked untranslated.
  const inner = tr
    .asGiven({ en: null, zh: original })
    .replace(/\u201c/g, "\u2018")
    .replace(/\u201d/g, "\u2019");
  const quoted = tr.t("quote.zh", { text: inner }).toHTML();
  return safe(`${body} <span class="orig" lang="zh-CN">${quoted}</span>`);
}

const NEXT_STEP: Record<string, string> = {
  proposed: "agreement",
  planned: "construction",
  agreed: "construction",
  under_construction: "completion",
  suspended: "resumption",
};

export function watchItem(render: RenderState, item: WatchItem, register = false): Html {
  const { tr } = render;
  switch (item.kind) {
    case "document": {
      const d = item.document;
      // Whole years (2026, or 2026-01-01 to 2027-12-31) read as "2026–2027".
      const from = d.validFrom?.replace(/-01-01$|-01$/, "");
      const to = d.validTo?.replace(/-12-31$|-12$/, "");
      const years =
        from?.length === 4 && to?.length === 4
          ? tr.plain("watch.years", { from, to })
          : tr.plain("watch.dates", {
              from: d.validFrom ? tr.date(d.validFrom) : "",
              to: d.validTo ? tr.date(d.validTo) : "",
            });
      // A title that already carries its years ("… for 2026–2027") is not followed by them again.
      const dated = from && to && [from, to].every((y) => tr.text(d.title).includes(y));
      const body = tr.t(dated ? "watch.documentInTitle" : "watch.document", {
        title: documentTitle(tr, d.title),
        span: years,
      });
      return sentence(render, body, d.cites);
    }
    case "target": {
      const t = item.target;
      const title = tr.text(t.title);
      const amount = t.amount === null ? null : amountText(t.amount, t.unit, tr.locale);
      const early = t.by === "at_an_early_date";
      // What the title says already (800亿美元, 2030) is not said again in brackets.
      const goal = [
        amount !== null && !title.includes(amount) ? amount : null,
        t.by === null ||
        (early ? title.includes(tr.plain("watch.early")) : title.includes(t.by.slice(0, 4)))
          ? null
          : early
            ? tr.plain("watch.early")
            : tr.plain("watch.by", { date: tr.date(t.by) }),
      ].filter((x): x is string => x !== null);
      const body = tr.t(goal.length > 0 ? "watch.targetGoal" : "watch.target", {
        title,
        goal: goal.join(tr.plain("punct.comma")),
        // What to watch is what comes next, not the status again (statements and lists give it).
        status: tr.plain(item.listed ? `targetStatus.${t.status}` : `watch.targetNext.${t.status}`),
      });
      return sentence(render, body, t.cites);
    }
    case "request": {
      const askers = new Set(item.requests.map((s) => s.side));
      const responders = [...new Set(item.responses.map((s) => s.side))];
      const answering = render.model.relationship.countries.filter((c) => !askers.has(c.code));
      const topic = tr.text(item.topic.name);
      const answer = item.responses[0];
      const asked = item.requests[0]?.text ?? null;
      // What the brief has not printed already is quoted here: an open request by what was
      // asked; an answered one by the answer to follow.
      const quoted = answer
        ? register || item.shown.responses
          ? null
          : answer.text
        : register || item.shown.requests
          ? null
          : asked;
      const body = answer
        ? tr.t(quoted ? "watch.requestAnsweredSaid" : "watch.requestAnswered", {
            topic,
            answered: tr.list(responders.map((c) => sideName(render, c))),
            response: tr.plain(`watch.response.${answer.kind}`),
            said: stripStop(tr.asGiven(quoted)),
          })
        : quoted === null && answering.length > 0
          ? tr.t("watch.requestOpenListed", {
              topic,
              answering: tr.list(answering.map((c) => sideName(render, c.code))),
              asked: tr.list([...askers].map((c) => sideName(render, c))),
            })
          : tr.t("watch.requestOpen", {
              topic,
              request: stripStop(tr.asGiven(quoted)),
            });
      const said = sentence(
        render,
        body,
        [...item.requests, ...item.responses].flatMap((s) => s.cites),
      );
      // A statement quoted in the other language says so after the sentence.
      if (!tr.untranslated(quoted)) return said;
      return safe(`${said.toHTML()} ${untranslatedNote(tr).toHTML()}`);
    }
    case "pending": {
      const s = item.statement;
      const body = tr.t("watch.pending", {
        topic: tr.text(s.topics[0]?.name ?? null),
        side: sideName(render, s.side),
      });
      return sentence(render, body, s.cites);
    }
    case "project": {
      const p = item.project;
      const next = NEXT_STEP[p.status ?? ""];
      const key =
        p.status === null ? "watch.projectUnknown" : next ? "watch.project" : "watch.projectStatus";
      const body = tr.t(key, {
        name: tr.text(p.name),
        status: prose(render, tr.plain(`projectStatus.${p.status ?? "unknown"}`)),
        next: next ? tr.plain(`watch.next.${next}`) : "",
      });
      return sentence(render, body, item.cites);
    }
    case "event": {
      const e = item.event;
      const place = tr.text(e.place);
      const body = tr.t(place ? "watch.event" : "watch.eventNoPlace", {
        date: e.endDate ? tr.dateRange(e.date, e.endDate) : tr.date(e.date),
        title: tr.text(e.title),
        place,
      });
      return sentence(render, body, e.cites);
    }
    case "next-round": {
      const e = item.event;
      const body = tr.t("watch.nextRound", { label: tr.text(e.type.label) });
      return sentence(render, body, []);
    }
  }
}

/** The partnership ladder in one line, with the current level and since when. */
export function ladderLine(render: RenderState): Html {
  const { tr, model } = render;
  const history = model.partnership.history;
  const current = model.partnership.current;
  if (!current) return sentence(render, tr.t("background.none"), []);
  // An attested level is known from a source of that date: never "since" (nothing invents an
  // establishment date).
  const steps = history.map((h) =>
    tr.t(h.attested ? "background.stepAttested" : "background.step", {
      level: tr.text(h.label),
      year: h.since.slice(0, 4),
    }),
  );
  const form = history.length > 1 ? "ladder" : "single";
  const body = tr.t(`background.${form}${current.attested ? "Attested" : ""}`, {
    ladder: safe(steps.map((s) => s.toHTML()).join(html(tr.plain("background.arrow")))),
    level: tr.text(current.label),
    a: article(tr.text(current.label)),
    since: tr.date(current.since),
  });
  return sentence(
    render,
    body,
    history.flatMap((h) => h.cites),
  );
}

/** Whose voice the statements come through, in one line. */
export function sourcingLine(render: RenderState): Html {
  const { tr, model } = render;
  const { publications, reportedOnly } = model.sourcing;
  if (publications.length === 0) return sentence(render, tr.t("sourcing.none"), []);
  const names = publications.map((p) => publicationName(tr, p.name, p.institution));
  // A language is worth a note when it is not the brief's own: in a Chinese brief, only the
  // sources not in Chinese are marked, each after its name (中文 would tell nothing).
  const cited =
    tr.locale === "zh"
      ? tr.t("sourcing.publicationsOwn", {
          publications: tr.list(
            publications.map((p, i) =>
              p.language === tr.locale
                ? (names[i] as string)
                : tr.t("sourcing.inLanguage", {
                    name: names[i] as string,
                    language: tr.plain(`language.${p.language}`),
                  }),
            ),
          ),
        })
      : tr.t("sourcing.publications", {
          publications: tr.list(names),
          languages: tr.list([
            ...new Set(publications.map((p) => tr.plain(`language.${p.language}`))),
          ]),
        });
  const parts = [
    cited,
    ...reportedOnly.map((r) =>
      tr.t("sourcing.reportedOnly", {
        side: countryName(render, r.side),
        by: countryName(render, r.by),
      }),
    ),
  ];
  const body = tr.list(parts, "semicolon").toHTML();
  return sentence(render, safe(body.charAt(0).toUpperCase() + body.slice(1)), []);
}

/** A period as a reader says it: "twelve months to 1 January 2020", or its two dates. */
export function periodText(render: RenderState, from: string, to: string): Html {
  const { tr } = render;
  if (yearEndingOn(to) === from) return tr.t("period.year", { to: tr.date(to) });
  const range = tr.dateRange(from, to);
  // A Monday-to-Sunday period is an ISO week: say which, as a weekly reader files it.
  const week = isoWeekLabel(from);
  if (
    addDays(from, 6) === to &&
    isoWeekLabel(to) === week &&
    isoWeekLabel(addDays(from, -1)) !== week
  ) {
    return tr.t("period.week", { week: Number(week.slice(-2)), range });
  }
  return safe(html(range));
}

/**
 * With no engagement in the period, where the relationship stands (its level and since when)
 * and that no engagement is reported.
 */
function standingSentences(render: RenderState): Html[] {
  const { tr, model } = render;
  const { from } = model.spec.period;
  const to = [model.spec.period.to, model.spec.asOf].sort()[0] as string;
  const out: Html[] = [];
  const current = model.partnership.current;
  if (current) {
    const [a, b] = model.relationship.countries;
    const body = tr.t(current.attested ? "lead.standingAttested" : "lead.standing", {
      date: tr.date(model.spec.asOf),
      a: tr.text(a.name),
      b: tr.text(b.name),
      level: tr.text(current.label),
      article: article(tr.text(current.label)),
      since: tr.date(current.since),
    });
    out.push(sentence(render, body, current.cites));
  }
  const none =
    yearEndingOn(to) === from
      ? tr.t("lead.none")
      : tr.t("lead.noneBetween", { from: tr.date(from), to: tr.date(to) });
  out.push(sentence(render, none, []));
  return out;
}

/** The bottom line: the lead, the documents, the statements that matter; 3–5 sentences. */
export function bottomLine(render: RenderState): Html {
  const { tr, model } = render;
  const { lead, documents, statements } = model.bottomLine;
  const out: Html[] = [];
  if (lead) out.push(leadSentence(render, lead));
  else out.push(...standingSentences(render));
  const docs = documentsSentence(render, documents);
  if (docs) out.push(docs);
  for (const clauses of statements) out.push(clausesSentence(render, clauses));
  // One note after the paragraph for its untranslated statements, not one after each.
  if (statements.flat().some((s) => tr.untranslated(s.text))) {
    out.push(untranslatedNote(tr));
  }
  return safe(out.map((s) => s.toHTML()).join(tr.locale === "zh" ? "" : " "));
}
