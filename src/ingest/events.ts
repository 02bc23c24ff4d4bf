// Events by their verbs (会见 meeting, 会谈 talks, 举行…战略对话, 通电话, 访问 visit, 出席…峰会) with
// the people named in the same clause, their roles, the place and the date. A clause that repeats
// an event already found (在会见王毅时) adds nothing but is not a second event.
import { type Article, type Place, withoutDateline } from "./article.ts";
import { firstDay } from "./dates.ts";
import type { ParticipantRole } from "./draft.ts";
import { eventVerbs } from "./lexicon/vocabulary.ts";
import type { FoundPerson } from "./people.ts";
import type { Sentence } from "./segment.ts";

export type FoundEvent = {
  id: number;
  type: string;
  date: string;
  participants: { person: FoundPerson; role: ParticipantRole }[];
  host?: string;
  place?: Place;
  firstOfKind: boolean;
  ordinal?: number;
  /** The counter the report uses with the ordinal: 第七轮, 第三次. */
  counter?: string;
  /** For a visit: the country visited. */
  visited?: string;
  parent?: FoundEvent;
  para: number;
  sentences: Sentence[];
  review: string[];
};

/** Relative clauses and invitations that describe a participant, not the event reported. */
const ASIDES = [
  /(?:来华|访华|来访|正在[\u4e00-\u9fff]{2,8}访问)[^，。]*?的(?=[\u4e00-\u9fff])/g,
  /应[^，。]{2,30}?邀请，?/g,
];
const ORDINAL = /第([一二三四五六七八九十\d]+)(次|轮|届)/;
const CN_DIGITS = "零一二三四五六七八九十";

function ordinalOf(clause: string): number | undefined {
  const m = ORDINAL.exec(clause);
  if (!m) return undefined;
  const raw = m[1] as string;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === "十") return 10;
  const [tens, ones] = raw.split("十");
  if (ones === undefined) return CN_DIGITS.indexOf(raw);
  return (tens ? CN_DIGITS.indexOf(tens) : 1) * 10 + (ones ? CN_DIGITS.indexOf(ones) : 0);
}

/** The narrative part of a sentence: for reported speech, what precedes the reporting verb. */
export type NarrativeOf = (sentence: Sentence) => string;

export function findEvents(article: Article, narrativeOf: NarrativeOf): FoundEvent[] {
  const events: FoundEvent[] = [];
  const places = (text: string) => article.gazetteer.placesIn(text);
  const allText = article.paragraphs.map((p) => p.text).join("\n");
  const arrival = /抵达[^。]*/.exec(allText)?.[0];

  for (const p of article.paragraphs) {
    if (p.heading) continue;
    for (const s of p.sentences) {
      let text = narrativeOf(s);
      for (const aside of ASIDES) text = text.replace(aside, "");
      if (!text) continue;
      const clauses = text.split(/[，；]/);
      let subject: FoundPerson | undefined;
      for (const clause of clauses) {
        const mentions = article.people.mentionsIn(clause);
        subject ??= mentions[0]?.person;
        const verb = eventVerbs.find((v) => v.words.test(clause));
        if (!verb) continue;
        // "会谈后": after the event, not the event.
        if (new RegExp(`(${verb.words.source})(后|前|中|期间)`).test(clause)) continue;
        const people = [...new Set(mentions.map((m) => m.person))];
        if (subject && !people.includes(subject) && /^(并|同|与|和|又|随后)/.test(clause)) {
          people.unshift(subject);
        }
        let visited: string | undefined;
        if (verb.type === "visit") {
          const after = clause.slice(clause.search(verb.words));
          visited =
            article.gazetteer
              .countriesIn(after)
              .map((c) => c.code)
              .find((c) => c !== "CN") ?? (after.includes("中国") ? "CN" : undefined);
          if (!visited || people.length === 0) continue;
        } else if (people.length < 2) continue;

        const ownDate = firstDay(withoutDateline(s.text), article.published);
        const sameDay = /同日|当天|当日|同一天/.test(s.text) ? events.at(-1)?.date : undefined;
        const date = ownDate ?? sameDay ?? article.leadDate ?? article.published;
        const review: string[] = [];
        if (!ownDate && !sameDay) {
          review.push(
            article.leadDate
              ? "date taken from the report's lead: the sentence gives none"
              : "date taken as the publication date: the report gives none",
          );
        }
        // A telephone call has no place of its own: the dateline is where it was reported.
        const place =
          verb.type === "phone_call" ? undefined : (places(s.text)[0] ?? article.dateline);
        const found: FoundEvent = {
          id: events.length + 1,
          type: verb.type,
          date,
          participants: people.map((person) => ({ person, role: "participant" })),
          place,
          firstOfKind: /首次|首届|第一次/.test(clause),
          ordinal: ordinalOf(clause),
          counter: ORDINAL.exec(clause)?.[2],
          visited,
          para: p.para,
          sentences: [s],
          review,
        };
        const same = events.find(
          (e) =>
            e.type === found.type &&
            e.date === found.date &&
            found.participants.every((fp) => e.participants.some((ep) => ep.person === fp.person)),
        );
        if (same) {
          same.sentences.push(s);
          continue;
        }
        events.push(found);
      }
    }
  }

  // Visits first: the meetings held during one are its parts, and its place is theirs.
  for (const visit of events.filter((e) => e.type === "visit")) {
    visit.host = visit.visited;
    const arrivalPlace = arrival
      ? places(arrival).find((pl) => pl.country === visit.visited)
      : undefined;
    visit.place = arrivalPlace ?? places(allText).find((pl) => pl.country === visit.visited);
    for (const e of events) {
      if (e === visit || e.type === "visit" || e.date !== visit.date) continue;
      const guestThere = e.participants.some((p) =>
        visit.participants.some((v) => v.person === p.person),
      );
      if (guestThere) {
        e.parent = visit;
        e.host ??= visit.visited;
        e.place ??= visit.place;
      }
    }
  }
  for (const e of events) {
    e.host ??= e.place?.country;
    for (const p of e.participants) p.role = roleOf(e, p.person);
    if (e.type === "visit") {
      // The people met during the visit are its hosts.
      for (const child of events.filter((c) => c.parent === e)) {
        for (const cp of child.participants) {
          if (
            cp.person.country === e.visited &&
            !e.participants.some((p) => p.person === cp.person)
          ) {
            e.participants.push({ person: cp.person, role: "host" });
          }
        }
      }
    }
    if (!e.host && e.type !== "phone_call")
      e.review.push("host country unknown: the report names no place");
  }
  return events;
}

function roleOf(e: FoundEvent, person: FoundPerson): ParticipantRole {
  if (e.type === "strategic_dialogue") return "head_of_delegation";
  if (e.type === "phone_call") return "participant";
  if (e.type === "visit") return person.country === e.visited ? "host" : "guest";
  if (e.host && person.country) return person.country === e.host ? "host" : "guest";
  // Without a place: in "A会见B" the one who receives is named first.
  const first = e.participants[0]?.person;
  if (e.type === "meeting" && first) return person === first ? "host" : "guest";
  return "participant";
}
