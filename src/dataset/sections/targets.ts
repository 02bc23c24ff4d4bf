// Targets: measurable goals and agreed actions.
import { entityInfo } from "../../domain/entities.ts";
import { relationshipKey } from "../../domain/relationship-key.ts";
import {
  type Cit,
  citeOut,
  citeRefs,
  citesOf,
  codec,
  compact,
  dateColumns,
  keyRefs,
  mergeCites,
  nn,
  nonEmpty,
  pairOf,
  type Ref,
  readCitations,
  readKeyList,
  readRecords,
  saveRow,
  sorted,
  str,
  type Text,
  textColumns,
  textOf,
  unique,
  writeCitations,
  writeKeyList,
} from "../codec.ts";
import { AT_AN_EARLY_DATE, targetSchema } from "../format.ts";

type TargetValues = {
  key: string;
  between: [string, string];
  title: Text;
  amount: number | null;
  unit: string | null;
  by: string | null;
  status: string;
  date: string | null;
  statements: string[];
  sources: Cit[];
};

export const targets = codec<"targets", TargetValues>({
  entity: entityInfo("target"),
  versioned: true,
  timestamps: true,
  schema: targetSchema,
  keyOf: (t) => t.key,
  refs: (t): Ref[] => [
    { path: ["between"], target: "relationship", key: relationshipKey(t.between) },
    ...keyRefs("statements", "statement", t.statements),
    ...citeRefs(t.sources),
  ],
  check(t, _store, problem) {
    unique(
      t.statements,
      (s) => s,
      (j) => ["statements", j],
      "statement",
      problem,
    );
  },
  values: (t, _store, existing, complete) => ({
    key: t.key,
    between: pairOf(relationshipKey(t.between)),
    title: t.title,
    amount: nn(t.amount),
    unit: nn(t.unit),
    by: nn(t.by),
    status: t.status,
    date: nn(t.date),
    statements: sorted(t.statements),
    sources: mergeCites(existing?.sources, citesOf(t.sources), complete),
  }),
  owner: (v) => `relationship ${v.between.join("-")}`,
  out: (v) =>
    compact({ ...v, statements: nonEmpty(v.statements), sources: v.sources.map(citeOut) }),
  read(store, id) {
    const statementKeys = readKeyList(
      store,
      {
        table: "target_statements",
        parent: "target_id",
        child: "statement_id",
        childTable: "statements",
      },
      id,
    );
    const cites = readCitations(store, "target_id", id);
    return readRecords(
      store,
      `SELECT t.*, r.key AS relationship FROM targets t
         JOIN relationships r ON r.id = t.relationship_id`,
      "t.id",
      "t.key",
      id,
      (r) => ({
        key: r.key as string,
        between: pairOf(r.relationship as string),
        title: textOf(r, "title") as Text,
        amount: (r.amount as number | null) ?? null,
        unit: str(r.unit),
        by: str(r.by_date) ?? str(r.by_note),
        status: r.status as string,
        date: str(r.date),
        statements: statementKeys.get(r.id as number) ?? [],
        sources: cites.get(r.id as number) ?? [],
      }),
    );
  },
  write(store, v, existingId) {
    const id = saveRow(store, this, existingId, {
      key: v.key,
      relationship_id: store.require("relationship", v.between.join("-")),
      ...textColumns("title", v.title),
      amount: v.amount,
      unit: v.unit,
      by_date: v.by === AT_AN_EARLY_DATE ? null : v.by,
      by_note: v.by === AT_AN_EARLY_DATE ? v.by : null,
      status: v.status,
      ...dateColumns(v.date),
    });
    const replace = existingId !== null;
    if (replace) store.run("DELETE FROM citations WHERE target_id = ?", id);
    writeKeyList(
      store,
      {
        table: "target_statements",
        parent: "target_id",
        child: "statement_id",
        target: "statement",
      },
      id,
      v.statements,
      replace,
    );
    writeCitations(store, "target_id", id, v.sources);
    return id;
  },
  dependents: () => [],
});
