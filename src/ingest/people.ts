// People an article names: by a title of office before the name (吉尔吉斯斯坦总统萨德尔·扎帕罗夫,
// 国务委员兼外长王毅), then by every later form of it (扎帕罗夫, 扎帕罗夫总统); matched to stored
// people by full name, alias or the short name after the dot.
import type { Text } from "./draft.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { chineseOnlyTitles, knownLeaders, officeTitles } from "./lexicon/vocabulary.ts";
import type { Paragraph } from "./segment.ts";
import type { StoredPerson, StoredRecords } from "./stored.ts";

export type FoundPerson = {
  /** The stored key, or undefined until the draft gives it one. */
  storedKey?: string;
  zh: string;
  en?: string;
  forms: string[];
  country?: string;
  /** Titles as the article writes them, e.g. 国务委员兼外长. */
  titles: string[];
  para: number;
  review: string[];
};

export type PersonMention = { person: FoundPerson; at: number; end: number };

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const TITLE = officeTitles
  .map((t) => t.zh)
  .sort((a, b) => b.length - a.length)
  .map(escapeRegex)
  .join("|");
const BOUNDARY =
  "举行|会见|会谈|表示|指出|强调|重申|通电话|进行|出席|抵达|访问|应约|共同|一道|等|在|于|同|与|和|说|时|也|还|则|就|率|及|对|，|。|、|的|（|：|“|\\d|$";
/**
 * Characters a transliterated or Chinese personal name does not contain, and verbs made with 达,
 * which names do contain (达尔, 伊沙克·达尔): the verb is refused, not the character.
 */
const NOT_IN_NAME =
  /[的了是取得成果议展系政府积极要进行表说话战略机制组织首次两双方谈见于在同与和。，、国部访问抵今年月日]|抵达|到达|达成|达到|表达|传达|转达|下达/;
/** Words a name written before its title is unlikely to hold (用好中乌外长战略对话). */
const UNLIKE_NAME = /[中用好新全强深推加建发共同各本我你他该此其]/;
/** A name before a title of office: 米尔济约耶夫总统, 习近平主席 (not 主席国). */
const NAME_THEN_TITLE =
  /(?<=^|[，。、“：；（和与同及对向请为的在])([\u4e00-\u9fff·]{2,8}?)(?:主席|总统|外长|总理|首相)(?![国团方])/g;
const CN_SURNAME_NAME = /^[\u4e00-\u9fff]{2,3}$/;

function shortForm(name: string): string | undefined {
  const dot = name.lastIndexOf("·");
  return dot > 0 ? name.slice(dot + 1) : undefined;
}

export type PeopleFinder = {
  people: FoundPerson[];
  mentionsIn(sentence: string): PersonMention[];
};

export function findPeople(
  paragraphs: Paragraph[],
  gazetteer: Gazetteer,
  stored: StoredRecords,
  partner: string | undefined,
): PeopleFinder {
  const people: FoundPerson[] = [];
  const countryNames = gazetteer.countries
    .flatMap((c) => c.names)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join("|");
  const titled = new RegExp(
    `(${countryNames}|中方)?((?:${TITLE})(?:(?:兼|、)(?:${TITLE}))*)([\\u4e00-\\u9fff·]{2,10}?)(?=${BOUNDARY})`,
    "g",
  );

  const storedByForm = new Map<string, StoredPerson>();
  // Leaders the store lacks are known by name too (key empty: drafted, with the English name).
  for (const l of knownLeaders) {
    storedByForm.set(l.zh, {
      key: "",
      name: { zh: l.zh, en: l.en },
      aliases: [],
      country: "CN",
      titles: [],
    });
  }
  for (const p of stored.people) {
    for (const form of [p.name.zh, ...p.aliases, p.name.zh && shortForm(p.name.zh)]) {
      if (form) storedByForm.set(form, p);
    }
  }

  function personFor(name: string, para: number): FoundPerson {
    const short = shortForm(name);
    const existing = people.find(
      (p) => p.forms.includes(name) || (short !== undefined && p.forms.includes(short)),
    );
    if (existing) {
      if (!existing.forms.includes(name)) existing.forms.push(name);
      if (name.length > existing.zh.length && name.endsWith(existing.zh)) existing.zh = name;
      return existing;
    }
    const s = storedByForm.get(name) ?? (short ? storedByForm.get(short) : undefined);
    const forms = [name, ...(short ? [short] : [])];
    const person: FoundPerson = s
      ? {
          storedKey: s.key || undefined,
          zh: s.name.zh ?? name,
          en: s.name.en,
          forms: [...new Set([...forms, s.name.zh ?? name, ...s.aliases])],
          country: s.country,
          titles: [],
          para,
          review: [],
        }
      : { zh: name, forms, titles: [], para, review: [] };
    if (s?.name.zh) {
      const storedShort = shortForm(s.name.zh);
      if (storedShort && !person.forms.includes(storedShort)) person.forms.push(storedShort);
    }
    people.push(person);
    return person;
  }

  for (const p of paragraphs) {
    for (const s of p.sentences) {
      titled.lastIndex = 0;
      for (let m = titled.exec(s.text); m; m = titled.exec(s.text)) {
        const [, countryWord, title, name] = m as unknown as [
          string,
          string | undefined,
          string,
          string,
        ];
        if (NOT_IN_NAME.test(name) || gazetteer.countriesIn(name).length > 0) continue;
        const person = personFor(name, p.para);
        if (!person.titles.includes(title)) person.titles.push(title);
        if (!person.country) {
          const fromWord = countryWord
            ? (gazetteer.country(countryWord) ?? (countryWord === "中方" ? "CN" : undefined))
            : undefined;
          const titles = title.split(/兼|、/);
          if (fromWord) person.country = fromWord;
          else if (titles.some((t) => chineseOnlyTitles.has(t))) person.country = "CN";
          else if (CN_SURNAME_NAME.test(name)) {
            person.country = "CN";
            person.review.push("country taken as China from the form of the name");
          } else if (partner) {
            person.country = partner;
            person.review.push(`country taken as ${partner}: the report does not say`);
          }
        }
      }
    }
  }
  for (const p of paragraphs) {
    for (const m of p.text.matchAll(NAME_THEN_TITLE)) {
      const name = m[1] as string;
      if (
        NOT_IN_NAME.test(name) ||
        UNLIKE_NAME.test(name) ||
        gazetteer.countriesIn(name).length > 0
      )
        continue;
      if (people.some((x) => x.forms.includes(name)) || storedByForm.has(name)) continue;
      const person = personFor(name, p.para);
      if (CN_SURNAME_NAME.test(name) && /主席|总理/.test(m[0])) person.country = "CN";
      else if (partner) person.country = partner;
      person.review.push(
        "named with a title after the name only: check the country and add the office",
      );
    }
  }
  // Stored people named without a title (王毅参加上述活动).
  const allText = paragraphs.map((p) => p.text).join("\n");
  for (const [form, s] of storedByForm) {
    if (form.length >= 2 && allText.includes(form) && !people.some((p) => p.storedKey === s.key)) {
      const para = paragraphs.find((p) => p.text.includes(form))?.para ?? 1;
      personFor(s.name.zh ?? form, para);
    }
  }

  return {
    people,
    mentionsIn(sentence) {
      const found: PersonMention[] = [];
      const forms = people
        .flatMap((person) => person.forms.map((form) => ({ person, form })))
        .sort((a, b) => b.form.length - a.form.length);
      const taken: boolean[] = [];
      for (const { person, form } of forms) {
        for (let at = sentence.indexOf(form); at >= 0; at = sentence.indexOf(form, at + 1)) {
          if (taken[at]) continue;
          for (let i = at; i < at + form.length; i++) taken[i] = true;
          found.push({ person, at, end: at + form.length });
        }
      }
      return found.sort((a, b) => a.at - b.at);
    },
  };
}

/** The office title a drafted person record gets: as written, with English where all parts map. */
export function officeTitle(
  written: string,
  country: string | undefined,
  gazetteer: Gazetteer,
): Text {
  const parts = written.split(/兼|、/);
  const en = parts.map((part) => officeTitles.find((t) => t.zh === part)?.en);
  if (en.some((e) => !e)) return { zh: written };
  const countryEn = country && country !== "CN" ? gazetteer.byCode(country)?.name.en : undefined;
  const joined = (en as string[]).join(" and ");
  return { zh: written, en: countryEn ? `${joined} of ${countryEn}` : joined };
}
