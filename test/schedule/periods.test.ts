// Reporting periods in a time zone, across daylight-saving changes, and when schedules are due.
import { describe, expect, it } from "vitest";
import { fireTime } from "../../src/cli/schedule.ts";
import { isoWeekLabel, previousPeriod } from "../../src/domain/periods.ts";
import { duePeriods } from "../../src/schedule/due.ts";

describe("previousPeriod", () => {
  it("is the ISO week before, Monday 00:00 to Monday 00:00 in Bishkek (UTC+6, no DST)", () => {
    expect(
      previousPeriod("previous_iso_week", new Date("2025-11-24T01:00:00Z"), "Asia/Bishkek"),
    ).toEqual({
      from: "2025-11-17",
      to: "2025-11-23",
      start: "2025-11-16T18:00:00.000Z",
      end: "2025-11-23T18:00:00.000Z",
    });
  });

  it("is 167 hours long across the spring change in Berlin, and 169 across the autumn one", () => {
    const spring = previousPeriod(
      "previous_iso_week",
      new Date("2025-03-31T06:00:00Z"),
      "Europe/Berlin",
    );
    expect(spring).toMatchObject({
      from: "2025-03-24",
      to: "2025-03-30",
      start: "2025-03-23T23:00:00.000Z",
    });
    expect((Date.parse(spring.end) - Date.parse(spring.start)) / 3_600_000).toBe(167);
    const autumn = previousPeriod(
      "previous_iso_week",
      new Date("2025-10-27T06:00:00Z"),
      "Europe/Berlin",
    );
    expect((Date.parse(autumn.end) - Date.parse(autumn.start)) / 3_600_000).toBe(169);
  });

  it("takes the local date, not the UTC one", () => {
    // Sunday 20:00 UTC is already Monday 02:00 in Bishkek: the week that just ended is complete.
    expect(
      previousPeriod("previous_iso_week", new Date("2025-11-23T20:00:00Z"), "Asia/Bishkek").from,
    ).toBe("2025-11-17");
  });

  it("covers the previous day and calendar month", () => {
    expect(previousPeriod("previous_day", new Date("2025-11-24T12:00:00Z"), "UTC")).toMatchObject({
      from: "2025-11-23",
      to: "2025-11-23",
    });
    expect(
      previousPeriod("previous_month", new Date("2025-03-15T12:00:00Z"), "Europe/Berlin"),
    ).toMatchObject({
      from: "2025-02-01",
      to: "2025-02-28",
      start: "2025-01-31T23:00:00.000Z",
      end: "2025-02-28T23:00:00.000Z",
    });
  });

  it("labels ISO weeks", () => {
    expect(isoWeekLabel("2025-11-17")).toBe("2025-W47");
    expect(isoWeekLabel("2024-12-30")).toBe("2025-W01");
    expect(isoWeekLabel("2021-01-01")).toBe("2020-W53");
  });
});

describe("duePeriods", () => {
  const weekly = {
    cron: "0 7 * * 1",
    timezone: "Europe/Berlin",
    period: "previous_iso_week" as const,
    catchUp: 3,
    createdAt: "2025-01-01T00:00:00Z",
  };

  it("adds last week once Monday 07:00 local has passed", () => {
    expect(duePeriods(weekly, new Date("2025-11-24T05:59:00Z")).at(-1)?.from).toBe("2025-11-10");
    const due = duePeriods(weekly, new Date("2025-11-24T06:00:00Z"));
    expect(due.at(-1)?.from).toBe("2025-11-17");
  });

  it("catches up the most recent missed weeks after downtime, oldest first", () => {
    const due = duePeriods({ ...weekly, catchUp: 4 }, new Date("2025-11-24T12:00:00Z"));
    expect(due.map((p) => p.from)).toEqual([
      "2025-10-27",
      "2025-11-03",
      "2025-11-10",
      "2025-11-17",
    ]);
  });

  it("does not reach back before the schedule existed", () => {
    const due = duePeriods(
      { ...weekly, createdAt: "2025-11-19T00:00:00Z" },
      new Date("2025-11-24T12:00:00Z"),
    );
    expect(due.map((p) => p.from)).toEqual(["2025-11-17"]);
  });

  it("fires in the schedule's zone across DST: 07:00 Berlin is 06:00 UTC in winter, 05:00 in summer", () => {
    const summer = { ...weekly, createdAt: "2025-06-01T00:00:00Z", catchUp: 1 };
    expect(duePeriods(summer, new Date("2025-06-16T04:59:00Z")).at(-1)?.from).toBe("2025-06-02");
    expect(duePeriods(summer, new Date("2025-06-16T05:00:00Z")).at(-1)?.from).toBe("2025-06-09");
  });
});

describe("next runs as the CLI prints them", () => {
  it("reads in the schedule's own zone, with UTC beside it", () => {
    const at = new Date("2026-12-07T01:00:00Z");
    expect(fireTime(at, "Asia/Bishkek")).toBe("Mon 7 Dec 2026, 07:00 Asia/Bishkek (01:00 UTC)");
    expect(fireTime(at, "UTC")).toBe("Mon 7 Dec 2026, 01:00 UTC");
    // Summer time moves the local hour, not the UTC one.
    expect(fireTime(new Date("2026-07-06T05:00:00Z"), "Europe/London")).toBe(
      "Mon 6 Jul 2026, 06:00 Europe/London (05:00 UTC)",
    );
  });
});
