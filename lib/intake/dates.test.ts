import { describe, expect, it } from "vitest";
import { datePhrases, parsePublished, yearHintOf } from "./dates";

// Dates in an article's words, resolved against its publication day in the story's zone.

const monday18 = parsePublished("2024-11-18", "America/New_York");
const only = (sentence: string, published = monday18) => {
  const found = datePhrases(sentence, published).filter((p) => !p.future);
  expect(found).toHaveLength(1);
  return found[0]!.date;
};

describe("resolving an article's dates", () => {
  it("places a weekday on its last occurrence up to the publication day", () => {
    expect(only("Zelenskyy said on Sunday the missiles would speak for themselves.")).toMatchObject({ day: "2024-11-17", precision: "DAY", bound: "EXACT", class: "day", words: "on Sunday" });
    expect(only("The spokesman said on Monday he had no update.")).toMatchObject({ day: "2024-11-18", class: "day" });
    expect(only("Russia said on Thursday it had shot down a missile.")).toMatchObject({ day: "2024-11-14" });
    expect(only("It happened last Monday.")).toMatchObject({ day: "2024-11-11" });
  });

  it("reads a weekday in the future tense as a plan, which does not date what happened", () => {
    const found = datePhrases("The ministers will meet on Thursday in Brussels.", monday18);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ future: true, date: { day: "2024-11-21" } });
  });

  it("gives month precision to last month, earlier this month and a bare month name", () => {
    expect(only("Parliament passed the law last month.")).toMatchObject({ day: "2024-10-01", precision: "MONTH", class: "month" });
    expect(only("Talks began earlier this month.")).toMatchObject({ day: "2024-11-01", precision: "MONTH" });
    expect(only("The plan was drawn up in September.")).toMatchObject({ day: "2024-09-01", precision: "MONTH" });
    // A month after the publication month, in the past tense, is last year's.
    expect(only("The plan was drawn up in December.")).toMatchObject({ day: "2023-12-01", precision: "MONTH" });
  });

  it("makes vague words approximate, on or before the publication day", () => {
    expect(only("The first convoy recently left the port.")).toMatchObject({ day: "2024-11-18", bound: "ON_OR_BEFORE", approximate: true, class: "approximate" });
    expect(only("Officials met last week.")).toMatchObject({ day: "2024-11-11", endDay: "2024-11-17", bound: "BETWEEN", class: "approximate" });
  });

  it("reads days relative to the publication day and absolute dates", () => {
    expect(only("The strike happened yesterday.")).toMatchObject({ day: "2024-11-17" });
    expect(only("The delivery was reported on Nov. 4.")).toMatchObject({ day: "2024-11-04" });
    expect(only("The report came three days ago.")).toMatchObject({ day: "2024-11-15" });
    expect(only("The treaty was signed on 12 March 2022.")).toMatchObject({ day: "2022-03-12" });
  });

  it("does not take a duration for a date", () => {
    expect(datePhrases("The United States has sanctioned 33 entities over the past 10 months.", monday18)).toEqual([]);
  });

  it("leaves a weekday or a relative word unknown when the article is undated, and says so", () => {
    const d = only("Eastland recalled its ambassador on Tuesday.", null);
    expect(d).toMatchObject({ day: null, bound: "UNKNOWN", class: "unknown" });
    expect(d.note).toContain("no publication date");
    expect(only("It was passed last month.", null)).toMatchObject({ day: null, class: "unknown" });
    // A full date needs no publication day; a day without a year takes the year the article gives.
    expect(only("The treaty was signed on 12 March 2022.", null)).toMatchObject({ day: "2022-03-12" });
    expect(datePhrases("The talks on 3 March went badly.", null, yearHintOf("The talks resumed on 1 March 2025."))[0]!.date).toMatchObject({ day: "2025-03-03" });
  });

  it("reads the publication date in the story's zone", () => {
    expect(parsePublished("2024-11-18", "America/New_York")).toMatchObject({ day: "2024-11-18", hasTime: false });
    expect(parsePublished("2024-11-18", "America/New_York")!.instant.toISOString()).toBe("2024-11-18T05:00:00.000Z");
    expect(parsePublished("2024-11-18T10:01", "Europe/Kyiv")!.instant.toISOString()).toBe("2024-11-18T08:01:00.000Z");
    // 02:30 UTC on the 18th is still Sunday the 17th in New York: "on Sunday" is that day.
    const late = parsePublished("2024-11-18T02:30:00Z", "America/New_York");
    expect(late!.day).toBe("2024-11-17");
    expect(only("He wrote on Sunday evening.", late)).toMatchObject({ day: "2024-11-17" });
    expect(parsePublished("", "UTC")).toBeNull();
    expect(() => parsePublished("18/11/2024", "UTC")).toThrow(/not an ISO date/);
    expect(() => parsePublished("2024-02-30", "UTC")).toThrow(/not a calendar date/);
  });
});
