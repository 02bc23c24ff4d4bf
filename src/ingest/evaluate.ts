// A draft scored against a gold annotation written by hand: precision and recall per record type.
// People match by name (any form); events by type, date and the set of participants; documents
// by title, counted right when the action is; statements by paragraph and sentence, counted right
// for "speaker and side" and, separately, for kind. Partnership levels by key or, for levels the
// ladder lacks, by their words.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { Draft } from "./draft.ts";
import { draftFromArticle } from "./draft-article.ts";
import { type StoredRecords, storedFromDataset } from "./stored.ts";

export type GoldStatement = {
  para: number;
  starts: string;
  side: string;
  speaker?: string;
  kind: string;
};

export type Gold = {
  article: string;
  publication: string;
  published: string;
  page?: string;
  url?: string;
  title?: string;
  split: "development" | "held-out";
  people: string[];
  events: { type: string; date: string; participants: string[]; firstOfKind?: boolean }[];
  documents: { title: string; kind: string; action: string }[];
  levels: string[];
  projects: string[];
  targets: { amount: number; unit: string }[];
  statements: GoldStatement[];
};

/** Found: drafted records; gold: annotated ones; right: drafted and matching a gold one. */
export type Score = { found: number; gold: number; right: number };
export type Scores = {
  people: Score;
  events: Score;
  documents: Score;
  /** Statements of the right sentence, whatever their attribution. */
  statements: Score;
  /** Of those, with the right speaker and side. */
  statementsAttributed: Score;
  /** Of those, with the right kind. */
  statementsKind: Score;
  levels: Score;
  projects: Score;
};

export const precision = (s: Score) => (s.found === 0 ? (s.gold === 0 ? 1 : 0) : s.right / s.found);
export const recall = (s: Score) => (s.gold === 0 ? 1 : s.right / s.gold);

const bare = (t: string) => t.replace(/[《》\s]/g, "");

export function score(draft: Draft, gold: Gold): Scores {
  const file = draft.file;
  const names = new Map<string, string[]>();
  for (const p of file.people ?? []) names.set(p.key, [p.name.zh ?? "", ...(p.aliases ?? [])]);
  const same = (key: string | undefined, name: string | undefined) =>
    key === undefined || name === undefined
      ? key === name
      : (names.get(key) ?? [key]).some(
          (n) => n === name || n.endsWith(`·${name}`) || name.endsWith(`·${n}`),
        );

  const people: Score = {
    found: file.people?.length ?? 0,
    gold: gold.people.length,
    right: (file.people ?? []).filter((p) => gold.people.some((g) => same(p.key, g))).length,
  };

  const events: Score = {
    found: file.events?.length ?? 0,
    gold: gold.events.length,
    right: (file.events ?? []).filter((e) =>
      gold.events.some(
        (g) =>
          g.type === e.type &&
          g.date === e.date &&
          g.participants.length === e.participants.length &&
          g.participants.every((name) => e.participants.some((p) => same(p.person, name))),
      ),
    ).length,
  };

  const documents: Score = {
    found: file.documents?.length ?? 0,
    gold: gold.documents.length,
    right: (file.documents ?? []).filter((d) =>
      gold.documents.some((g) => bare(g.title) === bare(d.title.zh ?? "") && g.action === d.action),
    ).length,
  };

  const drafted = file.statements ?? [];
  const matched = gold.statements
    .map((g) => ({
      g,
      d: drafted.find(
        (s) => (s.text.zh ?? "").startsWith(g.starts) && s.sources[0]?.locator === `para ${g.para}`,
      ),
    }))
    .filter((m) => m.d);
  const attributed = matched.filter(
    ({ g, d }) => d?.side === g.side && same(d?.speaker, g.speaker),
  );
  const statements: Score = {
    found: drafted.length,
    gold: gold.statements.length,
    right: matched.length,
  };
  const statementsAttributed: Score = { ...statements, right: attributed.length };
  const statementsKind: Score = {
    ...statements,
    right: matched.filter(({ g, d }) => d?.kind === g.kind).length,
  };

  const steps = (file.relationships ?? []).flatMap((r) => r.partnerships ?? []).map((s) => s.level);
  const unplaced = draft.review.filter((r) => r.includes("is not on the partnership ladder"));
  const levelFound = (g: string) => steps.includes(g) || unplaced.some((r) => r.includes(`"${g}"`));
  const levels: Score = {
    found: steps.length + unplaced.length,
    gold: gold.levels.length,
    right: gold.levels.filter(levelFound).length,
  };
  const projectNames = (file.projects ?? []).map((p) => p.name.zh ?? "");
  const referenced = draft.references.filter((r) => r.section === "projects").map((r) => r.key);
  const projects: Score = {
    found: projectNames.length + referenced.length,
    gold: gold.projects.length,
    right: gold.projects.filter((g) => projectNames.includes(g)).length,
  };
  return {
    people,
    events,
    documents,
    statements,
    statementsAttributed,
    statementsKind,
    levels,
    projects,
  };
}

export function addScores(a: Scores, b: Scores): Scores {
  const out = { ...a };
  for (const k of Object.keys(a) as (keyof Scores)[]) {
    out[k] = {
      found: a[k].found + b[k].found,
      gold: a[k].gold + b[k].gold,
      right: a[k].right + b[k].right,
    };
  }
  return out;
}

export type GoldResult = { gold: Gold; draft: Draft; scores: Scores };

/**
 * Every gold annotation in a folder, each scored against a draft of its article made against
 * `stored` (the reference data a fresh database holds: nothing of the reports themselves).
 */
export function evaluateGoldFolder(
  goldDir: string,
  articlesDir: string,
  stored: StoredRecords,
): GoldResult[] {
  return fs
    .readdirSync(goldDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const gold = YAML.parse(fs.readFileSync(path.join(goldDir, f), "utf8"), {
        schema: "core",
      }) as Gold;
      gold.published = String(gold.published);
      for (const e of gold.events) e.date = String(e.date);
      const text = fs.readFileSync(path.join(articlesDir, gold.article), "utf8");
      const draft = draftFromArticle(
        { text, publication: gold.publication, publishedOn: gold.published, title: gold.title },
        stored,
      );
      return { gold, draft, scores: score(draft, gold) };
    });
}

/** The lookup a dataset file gives (seeds/00-reference.yaml: countries, levels, types, topics). */
export function storedFromFile(file: string): StoredRecords {
  return storedFromDataset(YAML.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>);
}
