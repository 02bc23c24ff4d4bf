// gather(spec): the model the templates receive, from a real seeded SQLite file.
import { beforeAll, describe, expect, it } from "vitest";
import { BriefInputError, gather } from "../../src/briefs/gather.ts";
import type { BriefModel, BriefSpec } from "../../src/briefs/model.ts";
import type { Db } from "../../src/db/client.ts";
import { createTestDb } from "../support/db.ts";

const spec: BriefSpec = {
  template: "briefing-note",
  between: ["CN", "KG"],
  period: { from: "2024-11-25", to: "2025-11-24" },
  asOf: "2025-11-24",
  locale: "en",
  format: "A4",
};

let db: Db;
let model: BriefModel;
beforeAll(() => {
  db = createTestDb().db;
  model = gather(db, spec);
});

/** Every `cites` array in reading order, the way numberCitations walks them. */
function citesInOrder(m: BriefModel): number[] {
  const out: number[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    const cites = (v as { cites?: number[] }).cites;
    if (cites) out.push(...cites);
    for (const [k, child] of Object.entries(v)) if (k !== "cites") walk(child);
  };
  for (const section of [
    m.partnership.history,
    m.engagements,
    m.agreements,
    m.positions,
    m.cooperation.projects,
    m.multilateral,
    m.watch,
    m.upcoming,
  ])
    walk(section);
  return out;
}

describe("gather for a briefing note", () => {
  it("holds the period's engagements, documents and positions", () => {
    expect(model.engagements.map((e) => e.key)).toEqual([
      "2025-11-19-wang-yi-visits-kyrgyzstan",
      "2025-11-19-japarov-meets-wang-yi",
      "2025-11-19-first-strategic-dialogue",
    ]);
    expect(model.agreements.map((a) => a.title.zh)).toContain("《中吉外交部2026—2027年合作纲要》");
    expect(model.counts).toMatchObject({ engagements: 3, agreements: 2, positions: 33 });
    expect(model.partnership.current?.label.zh).toBe("新时代全面战略伙伴关系");
    expect(model.partnership.history.map((h) => h.change)).toEqual([
      "established",
      "upgrade",
      "upgrade",
    ]);
    expect(model.positions.map((p) => p.side.code)).toEqual(["CN", "KG"]);
    expect(model.cooperation.projects.map((p) => p.key)).toEqual([
      "china-kyrgyzstan-uzbekistan-railway",
    ]);
    expect(model.multilateral.map((m) => m.organization.key)).toContain("sco");
    expect(model.watch.every((w) => w.kind === "commitment" || w.kind === "request")).toBe(true);
  });

  it("numbers citations in reading order, each resolving to a listed source", () => {
    const order = citesInOrder(model);
    const firstSeen = [...new Set(order)];
    expect(firstSeen).toEqual(model.sources.map((s) => s.n));
    expect(model.sources.map((s) => s.n)).toEqual([1, 2, 3, 4, 5]);
    expect(model.sources[0]?.key).toBe("mfa-cn-2013-09-11-strategic-partnership-declaration");
  });

  it("lists no source that nothing cites", () => {
    const narrow = gather(db, { ...spec, period: { from: "2025-01-01", to: "2025-06-30" } });
    expect(narrow.engagements).toEqual([]);
    const cited = new Set(citesInOrder(narrow));
    expect(narrow.sources.map((s) => s.n).every((n) => cited.has(n))).toBe(true);
    expect(narrow.sources).toHaveLength(cited.size);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it("puts events after asOf under upcoming", () => {
    const early = gather(db, {
      ...spec,
      asOf: "2025-11-18",
      period: { from: "2025-01-01", to: "2025-11-18" },
    });
    expect(early.upcoming.map((e) => e.key)).toHaveLength(3);
    expect(early.engagements).toEqual([]);
  });

  it("gathers one event for an event brief, and refuses an unknown one", () => {
    const one = gather(db, {
      ...spec,
      template: "event-brief",
      event: "2025-11-19-first-strategic-dialogue",
    });
    expect(one.engagements.map((e) => e.key)).toEqual(["2025-11-19-first-strategic-dialogue"]);
    expect(one.agreements).toHaveLength(2);
    expect(() => gather(db, { ...spec, template: "event-brief", event: "nope" })).toThrow(
      BriefInputError,
    );
  });

  it("refuses a pair with no recorded relationship", () => {
    expect(() => gather(db, { ...spec, between: ["KG", "UZ"] })).toThrow("no relationship KG-UZ");
  });

  it("compares a weekly summary with the week before", () => {
    const week = gather(db, {
      ...spec,
      template: "weekly-summary",
      period: { from: "2025-11-17", to: "2025-11-23" },
      asOf: "2025-11-24",
    });
    expect(week.changes?.previous).toEqual({ from: "2025-11-10", to: "2025-11-16" });
    expect(week.changes?.counts.engagements).toEqual([0, 3]);
  });
});
