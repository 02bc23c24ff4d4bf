// normalizeSpec: what callers ask for becomes a checked BriefSpec, or an error naming the argument.
import { describe, expect, it } from "vitest";
import { BriefInputError } from "../../src/briefs/gather.ts";
import { normalizeSpec } from "../../src/briefs/spec.ts";
import { referenceNumber } from "../../src/briefs/templates.ts";

const today = "2026-11-24";

describe("normalizeSpec", () => {
  it("fills the defaults: briefing note, English, A4, the 12 months up to today", () => {
    expect(normalizeSpec({ between: ["kg", "CN"] }, today)).toEqual({
      template: "briefing-note",
      between: ["CN", "KG"],
      period: { from: "2025-11-25", to: "2026-11-24" },
      asOf: "2026-11-24",
      locale: "en",
      format: "A4",
    });
  });

  it("keeps the reference numbers already issued (the README's sample among them)", () => {
    const note = normalizeSpec({ between: ["KG", "CN"], asOf: "2025-11-24", locale: "zh" }, today);
    expect(referenceNumber(note)).toBe("AT-CNKG-BN-20251124-6C34");
  });

  it("gives a summary of several relationships, or of a country, its scope", () => {
    const week = { template: "weekly-summary", period: { from: "2025-11-17", to: "2025-11-23" } };
    const several = normalizeSpec({ ...week, relationships: ["uz-cn", "KG,CN", "CN-KG"] }, today);
    expect(several).toMatchObject({ scope: { relationships: ["CN-KG", "CN-UZ"], countries: [] } });
    expect(referenceNumber(several)).toMatch(/^AT-CNKG\+CNUZ-WS-20251123-[0-9A-F]{4}$/);
    expect(normalizeSpec({ countries: [" kg"] }, today)).toMatchObject({
      template: "weekly-summary",
      scope: { relationships: [], countries: ["KG"] },
    });
  });

  it("briefs a period already over as of its last day, unless told otherwise", () => {
    const march = { from: "2026-03-16", to: "2026-03-22" };
    expect(normalizeSpec({ between: ["CN", "KG"], period: march }, today).asOf).toBe("2026-03-22");
    const later = { from: "2026-11-01", to: "2026-12-31" };
    expect(normalizeSpec({ between: ["CN", "KG"], period: later }, today).asOf).toBe(today);
    const asked = { between: ["CN", "KG"], period: march, asOf: "2026-04-01" };
    expect(normalizeSpec(asked, today).asOf).toBe("2026-04-01");
  });

  it("gives a weekly summary the seven days up to its end", () => {
    const spec = normalizeSpec(
      { template: "weekly-summary", between: ["CN", "KG"], period: { to: "2025-11-23" } },
      today,
    );
    expect(spec.period).toEqual({ from: "2025-11-17", to: "2025-11-23" });
  });

  it.each([
    [{ template: "memo" }, "template", "unknown template"],
    [{ between: ["CN"] }, "between", "two ISO"],
    [{ between: ["CN", "cn"] }, "between", "two different"],
    [{ between: ["CN", "CHN"] }, "between", "two ISO"],
    [{ locale: "fr" }, "locale", 'unsupported locale "fr"'],
    [{ format: "A3" }, "format", "A3"],
    [{ asOf: "2025-13-01" }, "asOf", "not a calendar date"],
    [{ period: { from: "2025-12-01", to: "2025-01-01" } }, "period", "inverted"],
    [{ template: "event-brief" }, "event", "needs the event"],
  ])("refuses %j on %s", (request, argumentName, message) => {
    const call = () => normalizeSpec({ between: ["CN", "KG"], ...request }, today);
    expect(call).toThrow(BriefInputError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as BriefInputError).argumentName).toBe(argumentName);
    }
  });
});
