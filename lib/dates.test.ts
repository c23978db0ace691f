import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { afterEach, describe, expect, it } from "vitest";
import {
  dayGroup,
  endOfLocalDay,
  formatEventTime,
  formatIsoDay,
  formatPublished,
  isValidTimeZone,
  localDay,
  machineTime,
  parseIsoDay,
  startOfLocalDay,
  type EventTime,
} from "./dates";
import type { PrecisionValue } from "./domain";

const at = (iso: string) => new Date(iso);

function eventTime(overrides: Partial<EventTime> = {}): EventTime {
  return {
    occurredAt: at("2024-11-18T15:30:00Z"),
    occurredEndAt: null,
    precision: "MINUTE",
    approximate: false,
    timeZone: "America/New_York",
    ...overrides,
  };
}

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("formatEventTime", () => {
  it("shows a day-precision event with no time of day", () => {
    const text = formatEventTime(eventTime({ precision: "DAY" }));
    expect(text).toBe("18 Nov 2024");
    expect(text).not.toMatch(/\d{2}:\d{2}|EST|UTC/);
  });

  it("shows a month-precision event with no day", () => {
    expect(formatEventTime(eventTime({ precision: "MONTH" }))).toBe("November 2024");
  });

  it("shows a year-precision event as the year alone", () => {
    expect(formatEventTime(eventTime({ precision: "YEAR" }))).toBe("2024");
  });

  it('says "about" for an approximate date, at its precision', () => {
    expect(formatEventTime(eventTime({ precision: "DAY", approximate: true }))).toBe("about 18 Nov 2024");
    expect(formatEventTime(eventTime({ precision: "MONTH", approximate: true }))).toBe("about November 2024");
    expect(formatEventTime(eventTime({ precision: "DAY" }))).not.toContain("about");
  });

  it("shows minute and hour precision in the event's zone, with the zone's abbreviation", () => {
    expect(formatEventTime(eventTime({ precision: "MINUTE" }))).toBe("18 Nov 2024, 10:30 EST");
    expect(formatEventTime(eventTime({ precision: "HOUR" }))).toBe("18 Nov 2024, 10:00 EST");
    expect(formatEventTime(eventTime({ precision: "MINUTE", timeZone: "UTC" }))).toBe("18 Nov 2024, 15:30 UTC");
    expect(formatEventTime(eventTime({ precision: "MINUTE", timeZone: "Europe/Kyiv" }))).toBe(
      "18 Nov 2024, 17:30 GMT+2",
    );
  });

  it("uses summer time when the event falls in it", () => {
    expect(formatEventTime(eventTime({ occurredAt: at("2024-07-01T15:30:00Z") }))).toBe("1 Jul 2024, 11:30 EDT");
  });

  it("puts an event on its own calendar day, even when that is another day in UTC", () => {
    // 15:30 UTC on 18 Nov is already 05:30 on 19 Nov on Kiritimati (UTC+14).
    expect(formatEventTime(eventTime({ precision: "DAY", timeZone: "Pacific/Kiritimati" }))).toBe("19 Nov 2024");
    expect(formatEventTime(eventTime({ precision: "MINUTE", timeZone: "Pacific/Kiritimati" }))).toBe(
      "19 Nov 2024, 05:30 GMT+14",
    );
  });

  it.each(["Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata", "UTC"])(
    "gives the same text whatever the server's zone (TZ=%s)",
    (tz) => {
      process.env.TZ = tz;
      expect(formatEventTime(eventTime({ precision: "MINUTE" }))).toBe("18 Nov 2024, 10:30 EST");
      expect(formatEventTime(eventTime({ precision: "DAY", occurredAt: at("2024-11-18T04:30:00Z") }))).toBe(
        "17 Nov 2024",
      );
      expect(formatEventTime(eventTime({ precision: "DAY", timeZone: "Europe/Kyiv", occurredAt: at("2024-11-17T22:00:00Z") }))).toBe(
        "18 Nov 2024",
      );
    },
  );

  it("shows a range, collapsing it when both ends read the same at the precision", () => {
    const end = at("2024-11-18T17:00:00Z");
    expect(formatEventTime(eventTime({ occurredEndAt: end }))).toBe("18 Nov 2024, 10:30 EST – 18 Nov 2024, 12:00 EST");
    expect(formatEventTime(eventTime({ precision: "DAY", occurredEndAt: end }))).toBe("18 Nov 2024");
    expect(formatEventTime(eventTime({ precision: "DAY", occurredEndAt: at("2024-11-20T17:00:00Z"), approximate: true }))).toBe(
      "about 18 Nov 2024 – 20 Nov 2024",
    );
  });
});

describe("formatEventTime: what the sources say of the date", () => {
  const base = { occurredEndAt: null, approximate: false, timeZone: "America/New_York" } as const;
  const day = (iso: string) => startOfLocalDay(iso, "America/New_York");

  it("says when a date is only a bound", () => {
    expect(formatEventTime({ ...base, occurredAt: day("2024-11-17"), precision: "DAY", dateBound: "ON_OR_BEFORE" })).toBe("on or before 17 Nov 2024");
    expect(formatEventTime({ ...base, occurredAt: day("2024-11-17"), precision: "DAY", dateBound: "ON_OR_AFTER" })).toBe("on or after 17 Nov 2024");
  });

  it("says between for a date known only within a range, and not for a lasting event", () => {
    const range = { ...base, occurredAt: day("2024-11-12"), occurredEndAt: day("2024-11-15"), precision: "DAY" as const };
    expect(formatEventTime({ ...range, dateBound: "BETWEEN" })).toBe("between 12 Nov 2024 and 15 Nov 2024");
    expect(formatEventTime({ ...range, dateBound: "EXACT" })).toBe("12 Nov 2024 – 15 Nov 2024");
  });

  it("says the date is unknown, and when the event was first reported", () => {
    expect(
      formatEventTime({ ...base, occurredAt: day("2024-11-17"), precision: "DAY", dateBound: "UNKNOWN", firstReportedAt: day("2024-11-17") }),
    ).toBe("date unknown (first reported 17 Nov 2024)");
  });
});

describe("dayGroup for a range", () => {
  it("heads a date known only within a range with the range, not a made-up day", () => {
    const t = { occurredAt: startOfLocalDay("2024-11-12", "UTC"), occurredEndAt: startOfLocalDay("2024-11-15", "UTC"), precision: "DAY" as const, timeZone: "UTC", dateBound: "BETWEEN" as const };
    expect(dayGroup(t).heading).toBe("Between 12 November 2024 and 15 November 2024 (day not known)");
  });
});

describe("machineTime", () => {
  it("is no finer than the precision", () => {
    const cases: [PrecisionValue, string][] = [
      ["YEAR", "2024"],
      ["MONTH", "2024-11"],
      ["DAY", "2024-11-19"],
      ["MINUTE", "2024-11-18T15:30:00.000Z"],
    ];
    for (const [precision, expected] of cases) {
      expect(machineTime({ occurredAt: at("2024-11-18T15:30:00Z"), precision, timeZone: "Pacific/Kiritimati" })).toBe(
        expected,
      );
    }
  });
});

describe("localDay", () => {
  it("is the calendar day in the given zone", () => {
    const instant = at("2024-11-17T10:00:00Z");
    expect(localDay(instant, "Pacific/Kiritimati")).toBe("2024-11-18");
    expect(localDay(instant, "Europe/Kyiv")).toBe("2024-11-17");
    expect(localDay(instant, "America/New_York")).toBe("2024-11-17");
    expect(localDay(at("2024-11-17T09:59:59.999Z"), "Pacific/Kiritimati")).toBe("2024-11-17");
  });

  it("answers for the instant a date holds when asked, even when the same date object is changed", () => {
    const d = at("2024-11-17T10:00:00Z");
    expect([localDay(d, "Pacific/Kiritimati"), localDay(d, "Pacific/Kiritimati"), localDay(d, "UTC")]).toEqual(["2024-11-18", "2024-11-18", "2024-11-17"]);
    d.setTime(Date.parse("2024-11-19T10:00:00Z"));
    expect(localDay(d, "UTC")).toBe("2024-11-19");
    expect(() => localDay(new Date(Number.NaN), "UTC")).toThrow();
  });

  it("follows the change of offset at the end of summer time", () => {
    // New York leaves EDT (UTC−4) at 06:00 UTC on 3 Nov 2024.
    expect(localDay(at("2024-11-03T03:59:59.999Z"), "America/New_York")).toBe("2024-11-02");
    expect(localDay(at("2024-11-03T04:00:00Z"), "America/New_York")).toBe("2024-11-03");
    expect(localDay(at("2024-11-04T04:59:59.999Z"), "America/New_York")).toBe("2024-11-03");
    expect(localDay(at("2024-11-04T05:00:00Z"), "America/New_York")).toBe("2024-11-04");
  });

  it("does not depend on the server's zone", () => {
    process.env.TZ = "Pacific/Kiritimati";
    expect(localDay(at("2024-11-18T03:00:00Z"), "America/New_York")).toBe("2024-11-17");
    process.env.TZ = "America/Los_Angeles";
    expect(localDay(at("2024-11-17T22:30:00Z"), "Europe/Kyiv")).toBe("2024-11-18");
  });
});

describe("startOfLocalDay and endOfLocalDay", () => {
  const HOUR = 3_600_000;
  const length = (day: string, zone: string) =>
    endOfLocalDay(day, zone).getTime() + 1 - startOfLocalDay(day, zone).getTime();

  it("bound an ordinary day in each zone", () => {
    expect(startOfLocalDay("2024-11-18", "America/New_York").toISOString()).toBe("2024-11-18T05:00:00.000Z");
    expect(endOfLocalDay("2024-11-18", "America/New_York").toISOString()).toBe("2024-11-19T04:59:59.999Z");
    expect(startOfLocalDay("2024-11-18", "Europe/Kyiv").toISOString()).toBe("2024-11-17T22:00:00.000Z");
    expect(endOfLocalDay("2024-11-18", "Europe/Kyiv").toISOString()).toBe("2024-11-18T21:59:59.999Z");
    expect(startOfLocalDay("2024-11-18", "Pacific/Kiritimati").toISOString()).toBe("2024-11-17T10:00:00.000Z");
    expect(endOfLocalDay("2024-11-18", "Pacific/Kiritimati").toISOString()).toBe("2024-11-18T09:59:59.999Z");
    expect(length("2024-11-18", "Pacific/Kiritimati")).toBe(24 * HOUR);
  });

  it("give the 25-hour day when summer time ends", () => {
    expect(startOfLocalDay("2024-11-03", "America/New_York").toISOString()).toBe("2024-11-03T04:00:00.000Z");
    expect(endOfLocalDay("2024-11-03", "America/New_York").toISOString()).toBe("2024-11-04T04:59:59.999Z");
    expect(length("2024-11-03", "America/New_York")).toBe(25 * HOUR);
    expect(startOfLocalDay("2024-10-27", "Europe/Kyiv").toISOString()).toBe("2024-10-26T21:00:00.000Z");
    expect(endOfLocalDay("2024-10-27", "Europe/Kyiv").toISOString()).toBe("2024-10-27T21:59:59.999Z");
    expect(length("2024-10-27", "Europe/Kyiv")).toBe(25 * HOUR);
  });

  it("give the 23-hour day when summer time starts", () => {
    expect(startOfLocalDay("2024-03-10", "America/New_York").toISOString()).toBe("2024-03-10T05:00:00.000Z");
    expect(endOfLocalDay("2024-03-10", "America/New_York").toISOString()).toBe("2024-03-11T03:59:59.999Z");
    expect(length("2024-03-31", "Europe/Kyiv")).toBe(23 * HOUR);
  });

  it("start at the first existing instant when midnight itself is skipped", () => {
    // Chile moved its clocks from 00:00 to 01:00 on 8 Sep 2024: the day starts at 01:00 −03.
    expect(startOfLocalDay("2024-09-08", "America/Santiago").toISOString()).toBe("2024-09-08T04:00:00.000Z");
  });

  it("roll over month and year ends", () => {
    expect(endOfLocalDay("2024-11-30", "UTC").toISOString()).toBe("2024-11-30T23:59:59.999Z");
    expect(endOfLocalDay("2024-12-31", "Europe/Kyiv").toISOString()).toBe("2024-12-31T21:59:59.999Z");
  });

  it("agree with localDay at both ends, whatever the server's zone", () => {
    process.env.TZ = "Pacific/Kiritimati";
    for (const zone of ["America/New_York", "Europe/Kyiv", "Pacific/Kiritimati"]) {
      for (const day of ["2024-03-10", "2024-03-31", "2024-10-27", "2024-11-03", "2024-11-18"]) {
        const start = startOfLocalDay(day, zone);
        const end = endOfLocalDay(day, zone);
        expect(localDay(start, zone)).toBe(day);
        expect(localDay(end, zone)).toBe(day);
        expect(localDay(new Date(start.getTime() - 1), zone)).not.toBe(day);
        expect(localDay(new Date(end.getTime() + 1), zone)).not.toBe(day);
      }
    }
  });

  it("reject a string that is not a calendar day", () => {
    expect(() => startOfLocalDay("2024-02-30", "UTC")).toThrow(/Not a calendar day/);
    expect(() => endOfLocalDay("18/11/2024", "UTC")).toThrow(/Not a calendar day/);
  });
});

describe("parseIsoDay", () => {
  it("refuses days whose instants the databases cannot hold, in some zone", () => {
    expect(parseIsoDay("9999-12-31")).toBeNull();
    expect(parseIsoDay("0001-01-01")).toBeNull();
    expect(parseIsoDay("9998-12-31")).toEqual({ year: 9998, month: 12, day: 31 });
    // The end of the last day, even far west of UTC, is still a four-digit year.
    expect(endOfLocalDay("9998-12-31", "Etc/GMT+12").getUTCFullYear()).toBe(9999);
    expect(startOfLocalDay("0100-01-01", "Etc/GMT-14").toISOString()).toMatch(/^0099-12-31T/);
  });

  it("accepts real calendar days, leap days included", () => {
    expect(parseIsoDay("2024-11-18")).toEqual({ year: 2024, month: 11, day: 18 });
    expect(parseIsoDay("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDay(" 2024-11-18 ")).toEqual({ year: 2024, month: 11, day: 18 });
  });

  it.each(["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-11-31", "2024-11-00"])(
    "rejects the impossible day %s",
    (value) => {
      expect(parseIsoDay(value)).toBeNull();
    },
  );

  it.each(["garbage", "", "2024-1-5", "2024/11/18", "18-11-2024", "2024-11-18T00:00", "20241118", "2024-11-18x"])(
    "rejects the malformed value %j",
    (value) => {
      expect(parseIsoDay(value)).toBeNull();
    },
  );
});

describe("dayGroup", () => {
  it("groups a day-precision event under its calendar day in its own zone", () => {
    // Midnight in Kyiv, still 17 Nov in UTC.
    expect(dayGroup({ occurredAt: at("2024-11-17T22:00:00Z"), precision: "DAY", timeZone: "Europe/Kyiv" })).toEqual({
      key: "2024-11-18",
      heading: "Monday 18 November 2024",
    });
  });

  it("groups a timed event under its local day as well", () => {
    expect(dayGroup({ occurredAt: at("2024-11-18T03:00:00Z"), precision: "MINUTE", timeZone: "America/New_York" }).key).toBe(
      "2024-11-17",
    );
  });

  it("never puts a month-precision event under a made-up day", () => {
    const group = dayGroup({ occurredAt: at("2024-11-01T04:00:00Z"), precision: "MONTH", timeZone: "America/New_York" });
    expect(group).toEqual({ key: "2024-11", heading: "November 2024 (day not known)" });
    expect(group.heading).not.toMatch(/\b1\b|Friday/);
  });

  it("groups a year-precision event under its year", () => {
    expect(dayGroup({ occurredAt: at("2024-06-01T00:00:00Z"), precision: "YEAR", timeZone: "UTC" })).toEqual({
      key: "2024",
      heading: "2024 (day not known)",
    });
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA zones and rejects anything else", () => {
    expect(isValidTimeZone("Europe/Kyiv")).toBe(true);
    expect(isValidTimeZone("Pacific/Kiritimati")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("formatting agrees with date-fns over TZDate, the reference it replaced", () => {
  // Instants spread over the years the databases hold, and the hours around this zone set's
  // offset changes, in zones with whole, half- and quarter-hour, negative and changing offsets.
  const zones = ["UTC", "America/New_York", "Europe/Kyiv", "Europe/Moscow", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati"];
  const instants: Date[] = [at("0100-01-01T12:00:00Z"), at("9998-12-31T00:00:00Z"), at("2024-03-10T06:59:00Z"), at("2024-03-10T07:00:00Z"), at("2024-11-03T05:59:00Z"), at("2024-11-03T06:00:00Z")];
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 300; i++) instants.push(new Date(Date.UTC(1900, 0, 1) + Math.floor(next() * 200 * 365.25 * 86_400_000)));
  const zoneName = (d: Date, zone: string) =>
    new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName")!.value;
  const PATTERN: Record<PrecisionValue, string> = { YEAR: "yyyy", MONTH: "MMMM yyyy", DAY: "d MMM yyyy", HOUR: "d MMM yyyy, HH:00", MINUTE: "d MMM yyyy, HH:mm" };

  it("for every precision, day, group and machine time", () => {
    for (const zone of zones) {
      for (const d of instants) {
        const local = new TZDate(d, zone);
        for (const precision of ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE"] as const) {
          const timed = precision === "HOUR" || precision === "MINUTE";
          expect(formatPublished(d, precision, zone)).toBe(`${format(local, PATTERN[precision])}${timed ? ` ${zoneName(d, zone)}` : ""}`);
          const t = { occurredAt: d, precision, timeZone: zone };
          expect(machineTime(t)).toBe(timed ? d.toISOString() : format(local, { YEAR: "yyyy", MONTH: "yyyy-MM", DAY: "yyyy-MM-dd" }[precision]));
          const heading = { YEAR: "yyyy '(day not known)'", MONTH: "MMMM yyyy '(day not known)'" }[precision as "YEAR" | "MONTH"] ?? "EEEE d MMMM yyyy";
          expect(dayGroup(t).heading).toBe(format(local, heading));
        }
        expect(localDay(d, zone)).toBe(format(local, "yyyy-MM-dd"));
      }
    }
  });

  it("for a calendar day shown on its own", () => {
    for (const day of ["0100-01-01", "2024-02-29", "2024-11-18", "9998-12-31"]) {
      const p = parseIsoDay(day)!;
      expect(formatIsoDay(day)).toBe(format(new TZDate(p.year, p.month - 1, p.day, 12, 0, 0, 0, "UTC"), "d MMM yyyy"));
    }
  });
});
