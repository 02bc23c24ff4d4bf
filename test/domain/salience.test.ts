import { describe, expect, it } from "vitest";
import { rankBySalience, type SalienceFact, salience } from "../../src/domain/salience.ts";

const statement = (extra: Partial<SalienceFact>): SalienceFact => ({ type: "statement", ...extra });
const core = [{ key: "xinjiang_tibet_hong_kong", kind: "issue" }];
const area = [{ key: "trade_investment", kind: "cooperation_area" }];

describe("salience", () => {
  it("puts new things first: a first-of-its-kind engagement, documents, partnership upgrades", () => {
    expect(salience({ type: "engagement", firstOfKind: true })).toBeGreaterThan(
      salience({ type: "engagement" }),
    );
    expect(salience({ type: "partnership", kind: "upgrade" })).toBeGreaterThan(
      salience({ type: "partnership", kind: "same" }),
    );
    expect(salience({ type: "document" })).toBeGreaterThan(
      salience(statement({ kind: "support", topics: core })),
    );
  });

  it("ranks core-interest statements over projects, multilateral roles and cooperation areas", () => {
    const coreSupport = salience(statement({ kind: "support", topics: core }));
    const railway = salience(statement({ kind: "position", topics: area, project: true }));
    const un = salience(statement({ kind: "willingness", topics: area, organization: true }));
    const trade = salience(statement({ kind: "willingness", topics: area }));
    expect(coreSupport).toBeGreaterThan(railway);
    expect(railway).toBeGreaterThan(un);
    expect(un).toBeGreaterThan(trade);
  });

  it("weighs a pending decision and a request above stated willingness, assessments last", () => {
    const pending = salience(statement({ kind: "position", pending: true }));
    const request = salience(statement({ kind: "request" }));
    const ready = salience(statement({ kind: "willingness" }));
    const view = salience(statement({ kind: "assessment" }));
    expect(pending).toBeGreaterThan(request);
    expect(request).toBeGreaterThan(ready);
    expect(ready).toBeGreaterThan(view);
  });

  it("ranks stably: ties keep the record's order", () => {
    const items = ["a", "b", "c", "d"];
    const facts: Record<string, SalienceFact> = {
      a: statement({ kind: "position" }),
      b: statement({ kind: "support", topics: core }),
      c: statement({ kind: "position" }),
      d: statement({ kind: "support", topics: core }),
    };
    expect(rankBySalience(items, (x) => facts[x] as SalienceFact)).toEqual(["b", "d", "a", "c"]);
  });
});
