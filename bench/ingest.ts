// `npm run bench -- ingest`: the extractor's precision and recall per record type and per article,
// against the gold annotations in test/fixtures/ingest-gold (written by hand). The rules were
// developed on the articles marked `development`; the targets apply to the held-out ones.
import path from "node:path";
import {
  addScores,
  evaluateGoldFolder,
  precision,
  recall,
  type Score,
  type Scores,
  storedFromFile,
} from "../src/ingest/evaluate.ts";
import type { BenchReport, Row } from "./measure.ts";

const root = path.resolve(import.meta.dirname, "..");
const pct = (x: number) => `${Math.round(x * 100)}%`;
const pr = (s: Score) =>
  `P ${pct(precision(s))} R ${pct(recall(s))} (${s.right}/${s.gold}, ${s.found} found)`;

const TYPES: [keyof Scores, string][] = [
  ["people", "people"],
  ["events", "events (date, type, participants)"],
  ["documents", "documents (with action)"],
  ["statements", "statements (sentence)"],
  ["statementsAttributed", "statements (speaker and side)"],
  ["statementsKind", "statements (kind)"],
  ["levels", "partnership levels"],
  ["projects", "projects"],
];

function overallPrecision(s: Scores): number {
  const parts = [s.people, s.events, s.documents, s.statementsAttributed];
  const found = parts.reduce((n, p) => n + p.found, 0);
  return found === 0 ? 1 : parts.reduce((n, p) => n + p.right, 0) / found;
}

export async function runIngestBenchmark(): Promise<BenchReport> {
  const results = evaluateGoldFolder(
    path.join(root, "test/fixtures/ingest-gold"),
    path.join(root, "test/fixtures/articles"),
    storedFromFile(path.join(root, "seeds/00-reference.yaml")),
  );
  const details: string[] = [];
  const rows: Row[] = [];
  for (const split of ["development", "held-out"] as const) {
    const inSplit = results.filter((r) => r.gold.split === split);
    if (inSplit.length === 0) continue;
    const total = inSplit.map((r) => r.scores).reduce(addScores);
    details.push(`### ${split}: ${inSplit.map((r) => r.gold.article).join(", ")}`, "");
    details.push(
      "| type | " +
        inSplit
          .map(
            (r) =>
              `${r.gold.article.slice(0, 10)} ${r.gold.article.split("-").slice(3, 5).join("-")}`,
          )
          .join(" | ") +
        " | all |",
    );
    details.push(`|---|${inSplit.map(() => "---|").join("")}---|`);
    for (const [k, label] of TYPES) {
      details.push(
        `| ${label} | ${inSplit.map((r) => pr(r.scores[k])).join(" | ")} | ${pr(total[k])} |`,
      );
    }
    details.push("");
    const heldOut = split === "held-out";
    rows.push(
      {
        name: `${split}: people recall`,
        note: pct(recall(total.people)),
        targets: heldOut ? [{ label: "≥ 95%", pass: recall(total.people) >= 0.95 }] : [],
      },
      {
        name: `${split}: events recall`,
        note: pct(recall(total.events)),
        targets: heldOut ? [{ label: "≥ 90%", pass: recall(total.events) >= 0.9 }] : [],
      },
      {
        name: `${split}: documents recall`,
        note: pct(recall(total.documents)),
        targets: heldOut ? [{ label: "≥ 90%", pass: recall(total.documents) >= 0.9 }] : [],
      },
      {
        name: `${split}: statements, speaker and side`,
        note: pct(recall(total.statementsAttributed)),
        targets: heldOut
          ? [{ label: "≥ 80%", pass: recall(total.statementsAttributed) >= 0.8 }]
          : [],
      },
      {
        name: `${split}: statements, kind`,
        note: pct(recall(total.statementsKind)),
        targets: heldOut ? [{ label: "≥ 70%", pass: recall(total.statementsKind) >= 0.7 }] : [],
      },
      {
        name: `${split}: precision overall`,
        note: pct(overallPrecision(total)),
        targets: heldOut ? [{ label: "≥ 85%", pass: overallPrecision(total) >= 0.85 }] : [],
      },
    );
  }
  return {
    name: "ingest: extraction quality against hand-written gold annotations",
    context: [
      `${results.length} articles, drafted against the reference data only (seeds/00-reference.yaml); recall = right / annotated, precision = right / drafted`,
      "statements count as right for a sentence annotated as reported speech; 'speaker and side' and 'kind' also need those right",
      "precision overall = right / drafted over people, events, documents and attributed statements",
    ],
    rows,
    details,
  };
}
