// A deterministic synthetic dataset at scale: countries, relationships, people, sources and
// events with participants, topics, citations and documents, written straight through prepared
// better-sqlite3 statements in one transaction (the search_index triggers fire as usual).
// Benchmarks use it at 100k events; tests can import it with small sizes.
import type { Db } from "../src/db/client.ts";

export type SyntheticOptions = {
  countries?: number;
  relationships?: number;
  events?: number;
  /** People (officials), spread round-robin over the countries. */
  people?: number;
  sources?: number;
  seed?: number;
};

export type SyntheticSummary = {
  countryCodes: string[];
  /** Every relationship key created, e.g. "AB-CD", in creation order. */
  relationshipKeys: string[];
  /** The relationship with the most events. */
  busiest: { key: string; between: [string, string]; events: number };
  eventTypeKeys: string[];
  topicKeys: string[];
  counts: {
    countries: number;
    relationships: number;
    people: number;
    sources: number;
    events: number;
    participants: number;
    eventTopics: number;
    citations: number;
    documents: number;
  };
  ms: number;
};

/** Words planted in a fraction of the Chinese titles and summaries, for search benchmarks. */
export const SEARCH_WORDS = {
  /** Four characters: answered by the FTS5 trigram index. */
  fts: "战略对话",
  /** Two characters: too short for a trigram, answered from the index's vocabulary. */
  like: "铁路",
  common: "合作",
  /** Four characters in roughly half of the events: the FTS5 path with many rows to rank. */
  frequent: "双方同意",
  /** Two characters that occur nowhere (a LIKE scan would read every row). */
  absent: "北极",
} as const;

/** mulberry32: a small, fast, seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number) => next() < p;
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  };
  return { next, int, pick, chance, shuffle };
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Syllables with a Chinese transliteration each, so en and zh names correspond.
const SYLLABLES: readonly (readonly [string, string])[] = [
  ["Ka", "卡"],
  ["Ra", "拉"],
  ["Ta", "塔"],
  ["Ni", "尼"],
  ["Sa", "萨"],
  ["Ma", "马"],
  ["Lo", "洛"],
  ["Vi", "维"],
  ["Do", "多"],
  ["Be", "贝"],
  ["Ko", "科"],
  ["Li", "利"],
  ["Na", "纳"],
  ["Ga", "加"],
  ["Zu", "祖"],
  ["Mi", "米"],
  ["Ar", "阿"],
  ["Bo", "博"],
  ["Te", "特"],
  ["Ru", "鲁"],
];
const COUNTRY_ENDINGS: readonly (readonly [string, string])[] = [
  ["stan", "斯坦"],
  ["ia", "亚"],
  ["land", "兰"],
  ["ova", "瓦"],
  ["nia", "尼亚"],
  ["ria", "里亚"],
];
const SURNAMES_ZH =
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
const GIVEN_ZH = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文斌宇浩然";

type EventType = { key: string; cameo: string; en: string; zh: string; weight: number };
const EVENT_TYPES: readonly EventType[] = [
  { key: "visit", cameo: "042", en: "Visit", zh: "访问", weight: 20 },
  { key: "meeting", cameo: "040", en: "Meeting", zh: "会见", weight: 30 },
  { key: "talks", cameo: "046", en: "Talks", zh: "会谈", weight: 25 },
  { key: "phone_call", cameo: "041", en: "Telephone call", zh: "通电话", weight: 15 },
  { key: "strategic_dialogue", cameo: "040", en: "Strategic dialogue", zh: "战略对话", weight: 2 },
  { key: "signing", cameo: "057", en: "Signing of an agreement", zh: "签署协议", weight: 5 },
  { key: "summit", cameo: "044", en: "Summit", zh: "峰会", weight: 3 },
];

const TOPICS: readonly (readonly [string, string, string, string])[] = [
  ["connectivity", "cooperation_area", "Connectivity", "互联互通"],
  ["trade_investment", "cooperation_area", "Trade and investment", "贸易投资"],
  ["agriculture", "cooperation_area", "Agriculture", "农业"],
  ["mining", "cooperation_area", "Mining", "矿业"],
  ["security", "cooperation_area", "Security cooperation", "安全合作"],
  ["people_to_people", "cooperation_area", "People-to-people exchanges", "人文交流"],
  ["logistics", "cooperation_area", "Logistics", "物流"],
  ["energy", "cooperation_area", "Energy", "能源"],
  ["railways", "cooperation_area", "Railways", "铁路"],
  ["high_level_exchanges", "cooperation_area", "High-level exchanges", "高层交往"],
  ["belt_and_road", "initiative", "Belt and Road Initiative", "一带一路"],
  ["water_resources", "issue", "Water resources", "水资源"],
];

// Summary phrases; some carry the words the search benchmark looks for.
const PHRASES: readonly (readonly [string, string])[] = [
  ["Both sides agreed to deepen economic cooperation.", "双方同意深化经贸合作。"],
  ["They discussed the railway project and border ports.", "双方讨论了铁路项目和口岸建设。"],
  ["The strategic dialogue mechanism was reviewed.", "双方回顾了战略对话机制。"],
  ["They exchanged views on regional security.", "双方就地区安全问题交换了意见。"],
  ["Both sides praised people-to-people exchanges.", "双方积极评价人文交流。"],
  ["They agreed to expand trade and investment.", "双方同意扩大贸易和投资。"],
  ["Energy and mining projects were discussed.", "双方讨论了能源和矿业项目。"],
  ["The two sides signed several agreements.", "双方签署了多项协议。"],
  ["They reaffirmed support on core interests.", "双方重申在核心利益问题上相互支持。"],
  ["Agricultural trade and food security were on the agenda.", "农产品贸易和粮食安全列入议程。"],
];
// Weights of the phrases above (out of 100 events, roughly: 合作 ~35%, 铁路 ~6%, 战略对话 ~3%).
const PHRASE_WEIGHTS = [30, 5, 2, 20, 15, 20, 12, 10, 10, 10];

const PUBLICATIONS: readonly (readonly [string, string, string])[] = [
  ["People's Daily", "人民日报", "zh"],
  ["Xinhua", "新华社", "zh"],
  ["Ministry of Foreign Affairs", "外交部", "zh"],
  ["Kabar", "卡巴尔通讯社", "ru"],
  ["Reuters", "路透社", "en"],
  ["Global Times", "环球时报", "en"],
];

const DOCUMENT_KINDS: readonly (readonly [string, string, string])[] = [
  ["joint_statement", "Joint statement", "联合声明"],
  ["mou", "Memorandum of understanding", "谅解备忘录"],
  ["agreement", "Agreement", "协定"],
  ["cooperation_programme", "Cooperation programme", "合作规划"],
];

const ROLES = ["host", "guest", "head_of_delegation", "participant"] as const;

const FIRST_DAY = Date.UTC(2015, 0, 1);
const DAYS = Math.round((Date.UTC(2026, 11, 31) - FIRST_DAY) / 86_400_000) + 1;

function isoDay(day: number): string {
  return new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);
}

function weightedPicker(weights: readonly number[]) {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cumulative.push(total);
  }
  return (r: number): number => {
    const target = r * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/**
 * Writes the synthetic dataset into a migrated database. Natural keys of the rows it creates
 * start with `syn<seed>-`; event types and topics that already exist (same key) are reused,
 * and country codes already taken are skipped, so it also runs on top of the curated seeds.
 */
export function generateSynthetic(db: Db, options: SyntheticOptions = {}): SyntheticSummary {
  const started = performance.now();
  const {
    countries: countryCount = 50,
    relationships: relationshipCount = 1000,
    events: eventCount = 100_000,
    seed = 1,
  } = options;
  const peopleCount = Math.max(options.people ?? 2000, countryCount * 4);
  const sourceCount = Math.max(options.sources ?? 2000, 1);
  if (countryCount < 2 || countryCount > 600) throw new RangeError("countries: 2 to 600");
  const maxPairs = (countryCount * (countryCount - 1)) / 2;
  if (relationshipCount < 1 || relationshipCount > maxPairs) {
    throw new RangeError(`relationships: 1 to ${maxPairs} for ${countryCount} countries`);
  }
  const rnd = prng(seed);
  const prefix = `syn${seed}`;
  const sqlite = db.$client;

  const insertCountry = sqlite.prepare(
    "INSERT INTO countries (code, alpha3, numeric, name_en, name_zh) VALUES (?, ?, ?, ?, ?)",
  );
  const insertEventType = sqlite.prepare(
    "INSERT OR IGNORE INTO event_types (key, cameo, label_en, label_zh) VALUES (?, ?, ?, ?)",
  );
  const insertTopic = sqlite.prepare(
    "INSERT OR IGNORE INTO topics (key, kind, name_en, name_zh) VALUES (?, ?, ?, ?)",
  );
  const insertPerson = sqlite.prepare(
    "INSERT INTO people (key, name_en, name_zh, country_id) VALUES (?, ?, ?, ?)",
  );
  const insertSource = sqlite.prepare(
    `INSERT INTO sources (key, publication_en, publication_zh, title_en, title_zh, language,
       published_on, page, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRelationship = sqlite.prepare(
    "INSERT INTO relationships (key, country_a_id, country_b_id) VALUES (?, ?, ?)",
  );
  const insertEvent = sqlite.prepare(
    `INSERT INTO events (key, relationship_id, type_id, status, date, date_from, date_to,
       host_country_id, place_en, place_zh, title_en, title_zh, summary_en, summary_zh)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertParticipant = sqlite.prepare(
    "INSERT INTO event_participants (event_id, person_id, country_id, role, position) VALUES (?, ?, ?, ?, ?)",
  );
  const insertEventTopic = sqlite.prepare(
    "INSERT INTO event_topics (event_id, topic_id) VALUES (?, ?)",
  );
  const insertCitation = sqlite.prepare(
    "INSERT INTO citations (source_id, locator, event_id) VALUES (?, ?, ?)",
  );
  const insertDocument = sqlite.prepare(
    `INSERT INTO documents (key, kind, action, relationship_id, title_en, title_zh, date, date_from,
       date_to, event_id, summary_en, summary_zh)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const counts = {
    countries: 0,
    relationships: 0,
    people: 0,
    sources: 0,
    events: 0,
    participants: 0,
    eventTopics: 0,
    citations: 0,
    documents: 0,
  };

  const write = sqlite.transaction(() => {
    // ---- countries: unused two-letter codes, alpha3 and numeric codes, en + zh names
    const taken = (column: string) =>
      new Set(
        (sqlite.prepare(`SELECT ${column} AS v FROM countries`).all() as { v: string }[]).map(
          (r) => r.v,
        ),
      );
    const takenCodes = taken("code");
    const takenAlpha3 = taken("alpha3");
    const takenNumeric = taken("numeric");
    const codes = rnd.shuffle(
      [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b)).filter((c) => !takenCodes.has(c)),
    );
    const numerics = rnd.shuffle(
      Array.from({ length: 999 }, (_, i) => String(i + 1).padStart(3, "0")).filter(
        (n) => !takenNumeric.has(n),
      ),
    );
    const usedNames = new Set<string>();
    type Country = { id: number; code: string; nameEn: string; nameZh: string; capital: string[] };
    const countryRows: Country[] = [];
    for (let i = 0; i < countryCount; i++) {
      const code = codes[i];
      const numeric = numerics[i];
      if (code === undefined || numeric === undefined) throw new RangeError("out of codes");
      let alpha3 = code + LETTERS[rnd.int(26)];
      while (takenAlpha3.has(alpha3)) alpha3 = code + LETTERS[rnd.int(26)];
      takenAlpha3.add(alpha3);
      let en = "";
      let zh = "";
      for (let attempt = 0; attempt < 20 && (en === "" || usedNames.has(en)); attempt++) {
        const a = rnd.pick(SYLLABLES);
        const b = rnd.pick(SYLLABLES);
        const end = rnd.pick(COUNTRY_ENDINGS);
        en = a[0] + b[0].toLowerCase() + end[0];
        zh = a[1] + b[1] + end[1];
      }
      if (usedNames.has(en)) {
        en = `${en} ${code}`;
        zh = `${zh}${code}`;
      }
      usedNames.add(en);
      const capitalA = rnd.pick(SYLLABLES);
      const capitalB = rnd.pick(SYLLABLES);
      const id = Number(insertCountry.run(code, alpha3, numeric, en, zh).lastInsertRowid);
      countryRows.push({
        id,
        code,
        nameEn: en,
        nameZh: zh,
        capital: [
          `${capitalA[0]}${capitalB[0].toLowerCase()}grad`,
          `${capitalA[1]}${capitalB[1]}格勒`,
        ],
      });
      counts.countries++;
    }

    // ---- reference data: event types and topics, reused when their key exists
    const idOf = (table: string) => sqlite.prepare(`SELECT id FROM ${table} WHERE key = ?`);
    const eventTypeId = idOf("event_types");
    const types = EVENT_TYPES.map((t) => {
      insertEventType.run(t.key, t.cameo, t.en, t.zh);
      return { ...t, id: (eventTypeId.get(t.key) as { id: number }).id };
    });
    const pickType = weightedPicker(types.map((t) => t.weight));
    const topicId = idOf("topics");
    const topicIds = TOPICS.map(([key, kind, en, zh]) => {
      insertTopic.run(key, kind, en, zh);
      return (topicId.get(key) as { id: number }).id;
    });

    // ---- people: round-robin over countries so every country has several officials
    type Person = { id: number; nameEn: string; nameZh: string };
    const peopleByCountry: Person[][] = countryRows.map(() => []);
    for (let i = 0; i < peopleCount; i++) {
      const c = i % countryCount;
      const country = countryRows[c] as Country;
      const nameEn = `${rnd.pick(SYLLABLES)[0]}${rnd.pick(SYLLABLES)[0].toLowerCase()} ${rnd.pick(SYLLABLES)[0]}${rnd.pick(SYLLABLES)[0].toLowerCase()}${rnd.pick(COUNTRY_ENDINGS)[0].slice(0, 2)}`;
      const nameZh = `${SURNAMES_ZH[rnd.int(SURNAMES_ZH.length)]}${GIVEN_ZH[rnd.int(GIVEN_ZH.length)]}${rnd.chance(0.5) ? GIVEN_ZH[rnd.int(GIVEN_ZH.length)] : ""}`;
      const key = `${prefix}-person-${String(i + 1).padStart(5, "0")}`;
      const id = Number(insertPerson.run(key, nameEn, nameZh, country.id).lastInsertRowid);
      (peopleByCountry[c] as Person[]).push({ id, nameEn, nameZh });
      counts.people++;
    }

    // ---- sources
    const sourceIds: number[] = [];
    for (let i = 0; i < sourceCount; i++) {
      const [pubEn, pubZh, language] = rnd.pick(PUBLICATIONS);
      const date = isoDay(rnd.int(DAYS));
      const key = `${prefix}-source-${String(i + 1).padStart(5, "0")}`;
      const page = rnd.chance(0.5) ? `p${1 + rnd.int(16)}` : null;
      const id = Number(
        insertSource.run(
          key,
          pubEn,
          pubZh,
          `${pubEn} report ${i + 1} on bilateral talks`,
          `${pubZh}关于双边会谈的报道第${i + 1}篇`,
          language,
          date,
          page,
          `https://example.org/${key}`,
        ).lastInsertRowid,
      );
      sourceIds.push(id);
      counts.sources++;
    }

    // ---- relationships: distinct unordered pairs, key = sorted codes joined with "-"
    const pairs: [number, number][] = [];
    for (let a = 0; a < countryCount; a++) {
      for (let b = a + 1; b < countryCount; b++) pairs.push([a, b]);
    }
    rnd.shuffle(pairs);
    type Relationship = { id: number; key: string; a: number; b: number; events: number };
    const relationshipRows: Relationship[] = [];
    for (const [i, j] of pairs.slice(0, relationshipCount)) {
      const [a, b] =
        (countryRows[i] as Country).code < (countryRows[j] as Country).code ? [i, j] : [j, i];
      const ca = countryRows[a] as Country;
      const cb = countryRows[b] as Country;
      const key = `${ca.code}-${cb.code}`;
      const id = Number(insertRelationship.run(key, ca.id, cb.id).lastInsertRowid);
      relationshipRows.push({ id, key, a, b, events: 0 });
      counts.relationships++;
    }

    // ---- events: Zipf-like spread over relationships (a few busy pairs, a long tail)
    const pickRelationship = weightedPicker(relationshipRows.map((_, i) => 1 / (i + 1) ** 0.7));
    const pickPhrase = weightedPicker(PHRASE_WEIGHTS);
    const today = Date.UTC(2026, 0, 1);
    for (let i = 0; i < eventCount; i++) {
      const rel = relationshipRows[pickRelationship(rnd.next())] as Relationship;
      rel.events++;
      const type = types[pickType(rnd.next())] as (typeof types)[number];
      const day = rnd.int(DAYS);
      const date = isoDay(day);
      const future = FIRST_DAY + day * 86_400_000 >= today;
      const status = future ? "scheduled" : rnd.chance(0.01) ? "cancelled" : "held";
      const hostSide = rnd.chance(0.5) ? rel.a : rel.b;
      const guestSide = hostSide === rel.a ? rel.b : rel.a;
      const host = countryRows[hostSide] as Country;
      const guest = countryRows[guestSide] as Country;
      const phrases = new Set<number>();
      const phraseCount = 1 + rnd.int(2);
      while (phrases.size < phraseCount) phrases.add(pickPhrase(rnd.next()));
      const chosen = [...phrases].map((p) => PHRASES[p] as readonly [string, string]);
      const number = String(i + 1).padStart(6, "0");
      const eventId = Number(
        insertEvent.run(
          `${prefix}-event-${number}`,
          rel.id,
          type.id,
          status,
          date,
          date,
          date,
          host.id,
          host.capital[0],
          host.capital[1],
          `${type.en}: ${guest.nameEn} and ${host.nameEn} (${number})`,
          `${guest.nameZh}与${host.nameZh}${type.zh}（${number}）`,
          chosen.map((p) => p[0]).join(" "),
          chosen.map((p) => p[1]).join(""),
        ).lastInsertRowid,
      );
      counts.events++;

      // 2–4 participants, distinct people: a host, a guest, then either side.
      const participantCount = 2 + rnd.int(3);
      const seen = new Set<number>();
      for (let p = 0; p < participantCount; p++) {
        const side = p === 0 ? hostSide : p === 1 ? guestSide : rnd.chance(0.5) ? rel.a : rel.b;
        const pool = peopleByCountry[side] as Person[];
        let person = rnd.pick(pool);
        for (let tries = 0; seen.has(person.id) && tries < 8; tries++) person = rnd.pick(pool);
        if (seen.has(person.id)) continue;
        seen.add(person.id);
        const role = p < 2 ? (ROLES[p] as string) : rnd.chance(0.3) ? ROLES[2] : ROLES[3];
        insertParticipant.run(eventId, person.id, (countryRows[side] as Country).id, role, p);
        counts.participants++;
      }

      // 1–2 topics
      const first = rnd.int(topicIds.length);
      insertEventTopic.run(eventId, topicIds[first]);
      counts.eventTopics++;
      if (rnd.chance(0.5)) {
        const second = (first + 1 + rnd.int(topicIds.length - 1)) % topicIds.length;
        insertEventTopic.run(eventId, topicIds[second]);
        counts.eventTopics++;
      }

      // 1–3 citations, each from a source
      const citationCount = 1 + rnd.int(3);
      for (let c = 0; c < citationCount; c++) {
        insertCitation.run(rnd.pick(sourceIds), `para. ${1 + rnd.int(12)}`, eventId);
        counts.citations++;
      }

      // a document for ~10% of events
      if (rnd.chance(0.1)) {
        const [kind, kindEn, kindZh] = rnd.pick(DOCUMENT_KINDS);
        insertDocument.run(
          `${prefix}-document-${number}`,
          kind,
          kind === "joint_statement" ? "issued" : "signed",
          rel.id,
          `${kindEn} between ${guest.nameEn} and ${host.nameEn}`,
          `${guest.nameZh}和${host.nameZh}${kindZh}`,
          date,
          date,
          date,
          eventId,
          chosen[0]?.[0] ?? null,
          chosen[0]?.[1] ?? null,
        );
        counts.documents++;
      }
    }

    let busiest = relationshipRows[0] as Relationship;
    for (const r of relationshipRows) if (r.events > busiest.events) busiest = r;
    const [a, b] = busiest.key.split("-") as [string, string];
    return {
      countryCodes: countryRows.map((c) => c.code),
      relationshipKeys: relationshipRows.map((r) => r.key),
      busiest: { key: busiest.key, between: [a, b] as [string, string], events: busiest.events },
      eventTypeKeys: types.map((t) => t.key),
      topicKeys: TOPICS.map((t) => t[0]),
    };
  });

  const result = write();
  return { ...result, counts, ms: Math.round(performance.now() - started) };
}
