// Statements: one sentence of reported speech is one record. The speaker is a person (王毅表示),
// a side (吉方还希望, 双方一致同意 → joint) or carried from the sentence before within the same
// paragraph; the kind follows the verb table; topics, organisations and projects by their words.
import type { Article } from "./article.ts";
import type { StatementKind } from "./draft.ts";
import {
  kindRules,
  officeTitles,
  organizationLexicon,
  projectLexicon,
  reportingVerbs,
  speakerAdverbs,
  topicLexicon,
} from "./lexicon/vocabulary.ts";
import type { FoundPerson } from "./people.ts";
import type { Sentence } from "./segment.ts";

export type Speech = {
  sentence: Sentence;
  /** A country code or `joint`. */
  side: string;
  speaker?: FoundPerson;
  verb: string;
  quote: string;
  /** Where the reported words begin in the sentence. */
  quoteAt: number;
  kind: StatementKind;
  why: string;
  carried: boolean;
  /** The speaker is the person whose words the paragraph reports; the sentence names a side. */
  inherited: boolean;
  /** 在会谈中 / 在对话中: the event the sentence places itself in. */
  setting?: string;
  topics: string[];
  organizations: string[];
  projects: string[];
};

const VERB = reportingVerbs.join("|");
const AFTER_SUBJECT = new RegExp(
  `^(?:总统|主席|副总理兼外长|外长|总理|首相)?(?:在([^，。]{1,16}?)(?:中|时|上|期间)，?)?(?:(?:${speakerAdverbs})+?)??(?:对[^，。]{2,30}?)?(${VERB})(了)?`,
);
const SIDE_WORD = /^(双方|两国(?:外长|元首|领导人)?|(中.|.中)(?:双方|两国)|.方)/;
const TITLED_PREFIX = new RegExp(`^[^，。“]{0,24}(${officeTitles.map((t) => t.zh).join("|")})$`);
const LATER_VERB = /，(?:并|还|同时)?(表示|指出|强调|重申)，?/;
const ENUMERATION = /^([一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|再次|最后)/;
/** A side named after a first clause: "…核心议题之一，双方均强调了…", "…，中方对吉方…表示全力支持". */
const SIDE_LATER = new RegExp(
  `，((?:中.|.中)?(?:双方|两国)|.方)(?:(?:${speakerAdverbs})+?)??(?:对[^，。]{2,30}?)?(${reportingVerbs.join("|")})(了)?`,
);
/** "双方就…进行了沟通，达成广泛共识，并共同宣布…": what both sides agreed, after a first clause. */
const JOINT_AGREED = /^[^。]*?(达成[^，。]{0,6}共识|共同宣布|一致同意)/;
/** "中吉两国将加强…": a side's undertaking, when no one's words are being reported. */
const SIDE_WILL = new RegExp(`^(?:(?:${speakerAdverbs})+)?(将)`);
const LEAD_IN = /^(?:[^，。]{0,12}，)?/;
/** Journalists' commentary, not anyone's words: 这一表态凸显了…, 此次会晤不仅…. */
const COMMENTARY = /^(这|此|该|其|上述)/;
const KIND_VERBS = new Set([
  "将",
  "宣布",
  "希望",
  "期待",
  "愿",
  "愿意",
  "支持",
  "反对",
  "同意",
  "一致同意",
  "一致认为",
  "商定",
  "承诺",
  "赞赏",
  "高度评价",
  "高度赞赏",
  "欢迎",
]);
/** A characterisation of how things are or went: an assessment when no verb of the table is said. */
const ASSESSMENT_WORDS =
  /取得|成果|成就|持续|不断|始终|巩固|迈入|最好时期|具有.{0,16}作用|重要意义|契合|顺应|典范|日益|丰硕|高水平|源远流长|旗帜|机制|体现|彰显|成功|^[^，]{0,12}是|[了过](?:[^，。]{0,12})(?:，|$)|已(?:经)?/;

type Subject = { side: string; speaker?: FoundPerson; at: number; end: number };

function subjectAt(
  article: Article,
  text: string,
  lastSpeaker: FoundPerson | undefined,
): Subject | undefined {
  const lead = LEAD_IN.exec(text)?.[0] ?? "";
  for (const start of lead ? [0, lead.length] : [0]) {
    const rest = text.slice(start);
    const mention = article.people.mentionsIn(rest)[0];
    if (mention && (mention.at === 0 || TITLED_PREFIX.test(rest.slice(0, mention.at)))) {
      const side = mention.person.country ?? article.pair?.[1] ?? "CN";
      return { side, speaker: mention.person, at: start, end: start + mention.end };
    }
    if (/^(他|她)/.test(rest) && lastSpeaker) {
      return { side: lastSpeaker.country ?? "CN", speaker: lastSpeaker, at: start, end: start + 1 };
    }
    const side = SIDE_WORD.exec(rest)?.[0];
    if (side) {
      const code = /^(双方|两国)|双方$|两国$/.test(side)
        ? "joint"
        : article.gazetteer.country(side);
      if (code) return { side: code, at: start, end: start + side.length };
    }
  }
  return undefined;
}

function kindOf(verb: string, quote: string, side: string): { kind: StatementKind; why: string } {
  // 双方一致认为 / 一致同意: what both sides hold together is their agreement (the verb table).
  if (side === "joint" && /^一致(认为|同意|表示)$/.test(verb)) {
    return { kind: "agreement", why: `${verb}: both sides agree` };
  }
  const head = quote.replace(/^(中方|我们|我|.方|两国|双方)/, "").replace(/^(还|也|都)+/, "");
  let best: { kind: StatementKind; why: string; at: number } | undefined;
  for (const rule of kindRules) {
    if (rule.kind === "agreement" && side !== "joint") continue;
    const m = rule.words.exec(rule.atStart ? head : quote);
    if (!m) continue;
    if (rule.atStart) return { kind: rule.kind, why: rule.why };
    if (!best || m.index < best.at) best = { kind: rule.kind, why: rule.why, at: m.index };
  }
  if (best) return { kind: best.kind, why: best.why };
  if (/^(指出|认为)$/.test(verb)) return { kind: "assessment", why: `${verb}: an assessment` };
  if (
    ASSESSMENT_WORDS.test(quote) &&
    !/要|应|需/.test(quote.slice(0, 12)) &&
    !ENUMERATION.test(quote)
  ) {
    return { kind: "assessment", why: "characterises the state of things" };
  }
  return { kind: "position", why: `${verb}: a stated position` };
}

function tagsOf(text: string, article: Article) {
  const topics: string[] = [];
  for (const t of topicLexicon) if (t.words.test(text)) topics.push(t.key);
  for (const t of article.stored.topicTerms) {
    if (!topics.includes(t.key) && t.terms.some((term) => text.includes(term))) topics.push(t.key);
  }
  if (topics.includes("three_evils") && !topics.includes("security")) topics.unshift("security");
  const organizations = organizationLexicon.filter((o) => o.words.test(text)).map((o) => o.key);
  for (const o of article.stored.organizations) {
    if (o.name.zh && text.includes(o.name.zh) && !organizations.includes(o.key))
      organizations.push(o.key);
  }
  const projects = projectLexicon.filter((p) => p.words.test(text)).map((p) => p.key);
  for (const p of article.stored.projects) {
    if (p.name.zh && text.includes(p.name.zh) && !projects.includes(p.key)) projects.push(p.key);
  }
  return { topics: topics.length > 0 ? topics : ["bilateral_relations"], organizations, projects };
}

/** Reported speech in every sentence that has it; the rest are narrative. */
export function findSpeech(article: Article): Map<Sentence, Speech> {
  const speech = new Map<Sentence, Speech>();
  let lastSpeaker: FoundPerson | undefined;
  let current: Speech | undefined;
  let previous: string | undefined;
  let wasEnumerated = false;
  for (const p of article.paragraphs) {
    if (p.heading) {
      current = undefined;
      continue;
    }
    // "王毅就此提出四点建议：" — the numbered paragraphs that follow are still his words.
    const enumerated: boolean =
      (previous?.endsWith("：") || wasEnumerated) && ENUMERATION.test(p.text);
    if (!enumerated) current = undefined;
    wasEnumerated = enumerated || (previous?.endsWith("：") ?? false);
    previous = p.text;
    for (const s of p.sentences) {
      let subject = subjectAt(article, s.text, lastSpeaker);
      let after = subject ? AFTER_SUBJECT.exec(s.text.slice(subject.end)) : null;
      let verbEnd = subject && after ? subject.end + after[0].length : 0;
      const will =
        subject && !after && !subject.speaker && !current?.speaker
          ? SIDE_WILL.exec(s.text.slice(subject.end))
          : null;
      if (subject && will) {
        after = ["", undefined, "将"] as unknown as RegExpExecArray;
        verbEnd = subject.end + will[0].length;
      }
      const agreed =
        subject?.side === "joint" && !after ? JOINT_AGREED.exec(s.text.slice(subject.end)) : null;
      if (subject && agreed) {
        after = ["", undefined, agreed[1]] as unknown as RegExpExecArray;
        verbEnd = subject.end + agreed.index + agreed[0].length;
      }
      if (!after && !current?.speaker) {
        const later = SIDE_LATER.exec(s.text);
        const word = later?.[1];
        const code = word
          ? /双方|两国/.test(word)
            ? "joint"
            : article.gazetteer.country(word)
          : undefined;
        if (later && code) {
          subject = {
            side: code,
            at: later.index + 1,
            end: later.index + 1 + (word as string).length,
          };
          after = ["", undefined, later[2]] as unknown as RegExpExecArray;
          verbEnd = later.index + later[0].length;
        }
      }
      if (subject && !after) {
        // "王毅转达了…问候，并指出…": the reporting verb after a first clause.
        const later = LATER_VERB.exec(s.text.slice(subject.end));
        if (later) {
          after = ["", undefined, later[1] as string] as unknown as RegExpExecArray;
          verbEnd = subject.end + later.index + later[0].length;
        }
      }
      if (subject && after) {
        const verb = after[2] as string;
        const quoteStart = KIND_VERBS.has(verb) ? s.text.lastIndexOf(verb, verbEnd) : verbEnd;
        const said = s.text.slice(quoteStart).replace(/^[，：:]/, "");
        const quote = said.replace(/[。！？：]$/, "");
        const { kind, why } = kindOf(verb, quote, subject.side);
        // "吉方还希望…" in a paragraph of Japarov's words: still his.
        const inherited =
          !subject.speaker && current?.speaker && current.speaker.country === subject.side
            ? current.speaker
            : undefined;
        current = {
          sentence: s,
          side: subject.side,
          speaker: subject.speaker ?? inherited,
          inherited: Boolean(inherited),
          verb,
          quote,
          quoteAt: quoteStart,
          kind,
          why,
          carried: false,
          setting: after[1],
          ...tagsOf(quote, article),
        };
        if (subject.speaker) lastSpeaker = subject.speaker;
        // "提出四点建议：" introduces what follows; it says nothing itself.
        if (!said.endsWith("：")) speech.set(s, current);
      } else if (
        subject?.speaker &&
        current?.speaker &&
        subject.speaker.country !== current.speaker.country
      ) {
        // "王毅转达了…问候" after Tokayev's words: another person acts, and says nothing reported.
        current = undefined;
      } else if (current?.speaker && !COMMENTARY.test(s.text) && !/《/.test(s.text)) {
        const quote = s.text.replace(/[。！？]$/, "");
        const side = SIDE_WORD.exec(quote)?.[0];
        const sideCode = side ? article.gazetteer.country(side) : undefined;
        // "中方支持…" inside a speaker's paragraph is still the speaker's side.
        const { kind, why } = kindOf(current.verb, quote, current.side);
        speech.set(s, {
          ...current,
          sentence: s,
          quote,
          quoteAt: 0,
          kind,
          why,
          carried: true,
          side: sideCode && sideCode !== current.side && !current.speaker ? sideCode : current.side,
          ...tagsOf(quote, article),
        });
      }
    }
  }
  return speech;
}
