// normalizeSpec: what callers ask for becomes a checked BriefSpec, or an error naming the argument.
import { describe, expect, it } from "vitest";
import { BriefInputError } from "../../src/briefs/gather.ts";
import { normalizeSpec } from "../../src/briefs/spec.ts";

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
