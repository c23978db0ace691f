import type { SeedStory } from "./types";

// The first story, faithful to the seed article line by line
// (shared/seed/000_2dff06a8408b29a2.txt). Where the article gives no date, the event is marked
// approximate and its note gives the basis. No time of day is invented: every event here has
// day precision or coarser, because the article states none.

const BRIEFING_NOTE =
  "The seed article does not date the briefing. It reports The New York Times (17 Nov) and Axios (18 Nov) reports as already out, and Miller answering Russia's reaction to them, so the briefing is placed on about 18 November 2024.";

const MILLER_CITATION = {
  source: "us-department-of-state",
  title: "Department press briefing",
  publishedOn: "2024-11-18",
  publishedPrecision: "DAY",
  attribution: "SPOKESPERSON",
  attributionText: "State Department spokesperson Matthew Miller",
  speaker: "matthew-miller",
  note: "Briefing date not stated in the seed article; about 18 November 2024.",
} as const;

export const atacmsStory: SeedStory = {
  story: {
    slug: "us-atacms-policy-ukraine",
    title: "US policy on Ukraine's use of ATACMS missiles inside Russia",
    description:
      "November 2024: reports that President Biden allowed Ukraine to strike Russia with long-range ATACMS missiles, and how Kyiv, Washington and Moscow answered them — what was reported, what was said on the record, and what was declined.",
    timeZone: "America/New_York",
    isDefault: true,
  },
  sources: [
    {
      slug: "new-york-times",
      name: "The New York Times",
      kind: "NEWSPAPER",
      country: "US",
      homepage: "https://www.nytimes.com",
      description: "New York daily newspaper.",
    },
    {
      slug: "axios",
      name: "Axios",
      kind: "DIGITAL_OUTLET",
      country: "US",
      homepage: "https://www.axios.com",
      description: "US digital news outlet.",
    },
    {
      slug: "us-department-of-state",
      name: "U.S. Department of State",
      kind: "GOVERNMENT",
      country: "US",
      homepage: "https://www.state.gov",
      description: "The US foreign ministry; its spokesperson speaks on the record at regular press briefings.",
    },
    {
      slug: "office-of-the-president-of-ukraine",
      name: "Office of the President of Ukraine",
      kind: "HEAD_OF_STATE_OFFICE",
      country: "UA",
      homepage: "https://www.president.gov.ua",
      description: "The office of Ukraine's head of state.",
    },
  ],
  actors: [
    { slug: "joe-biden", name: "Joe Biden", title: "President of the United States", affiliation: "United States" },
    {
      slug: "volodymyr-zelenskyy",
      name: "Volodymyr Zelenskyy",
      title: "President of Ukraine",
      affiliation: "Ukraine",
    },
    {
      slug: "matthew-miller",
      name: "Matthew Miller",
      title: "State Department spokesperson",
      affiliation: "U.S. Department of State",
    },
    {
      slug: "antony-blinken",
      name: "Antony Blinken",
      title: "U.S. Secretary of State",
      affiliation: "U.S. Department of State",
    },
    { slug: "russian-government", name: "Russian government", affiliation: "Russia" },
  ],
  tags: [
    { slug: "atacms", name: "ATACMS" },
    { slug: "long-range-strikes", name: "Long-range strikes" },
    { slug: "kursk-oblast", name: "Kursk Oblast" },
    { slug: "north-korean-troops", name: "North Korean troops" },
    { slug: "escalation", name: "Escalation" },
  ],
  claims: [
    {
      slug: "biden-authorized-atacms-strikes-inside-russia",
      text: "Biden authorized Ukraine to use ATACMS for strikes inside Russia",
      scope: "Axios (18 Nov): only in Russia's Kursk Oblast",
      history: [
        {
          to: "REPORTED",
          knownOn: "2024-11-17",
          reason:
            "The New York Times reported it, citing anonymous US officials. The US had not officially confirmed it.",
          evidence: { event: "nyt-reports-biden-allowed-atacms-strikes-on-russia", citation: 0 },
        },
      ],
    },
    {
      slug: "atacms-authorization-limited-to-kursk-oblast",
      text: "Biden's approval covers ATACMS strikes only in Russia's Kursk Oblast",
      history: [
        {
          to: "REPORTED",
          knownOn: "2024-11-18",
          reason: "Axios reported the Kursk Oblast limit. The US had not officially confirmed it.",
          evidence: { event: "axios-reports-approval-limited-to-kursk-oblast", citation: 0 },
        },
      ],
    },
  ],
  events: [
    {
      slug: "blinken-says-response-will-be-firm",
      kind: "STATEMENT",
      headline: "Blinken: Washington's response to North Korean troops in the war will be firm",
      summary:
        "Secretary of State Antony Blinken said Washington's response to North Korea's soldiers joining Russia's war would be firm. The seed article knows this statement only because Miller recalled it at his briefing.",
      occurredOn: "2024-11-01",
      precision: "MONTH",
      approximate: true,
      timeNote:
        "The seed article does not date Blinken's statement. Miller recalled it at the briefing of about 18 November, so it came earlier; it is placed in November 2024 as an approximation.",
      timeZone: "America/New_York",
      // Known to the seed article only through Miller's briefing of about 18 November.
      firstReportedOn: "2024-11-18",
      actors: [{ actor: "antony-blinken", role: "SPEAKER" }],
      tags: ["north-korean-troops"],
      citations: [
        {
          ...MILLER_CITATION,
          attribution: "SPOKESPERSON",
          attributionText: "as recalled by State Department spokesperson Matthew Miller",
          speaker: "antony-blinken",
        },
      ],
    },
    {
      slug: "nyt-reports-biden-allowed-atacms-strikes-on-russia",
      kind: "MEDIA_REPORT",
      headline: "The New York Times reports Biden has allowed Ukraine to strike Russia with ATACMS missiles",
      summary:
        "The New York Times reported that President Joe Biden had allowed Ukraine to use long-range ATACMS missiles to strike Russia. The US has not officially confirmed this information.",
      occurredOn: "2024-11-17",
      precision: "DAY",
      timeZone: "America/New_York",
      dayOrder: 0,
      firstReportedOn: "2024-11-17",
      actors: [{ actor: "joe-biden", role: "DECISION_MAKER" }],
      tags: ["atacms", "long-range-strikes"],
      citations: [
        {
          source: "new-york-times",
          publishedOn: "2024-11-17",
          publishedPrecision: "DAY",
          attribution: "ANONYMOUS_OFFICIALS",
          attributionText: "citing anonymous US officials",
          note: "Known from the seed article, which does not quote or link the report.",
        },
      ],
      claims: [{ claim: "biden-authorized-atacms-strikes-inside-russia", stance: "ASSERTS" }],
    },
    {
      slug: "zelenskyy-says-missiles-will-speak-for-themselves",
      kind: "STATEMENT",
      headline: "Zelenskyy: long-range strikes are not announced — the missiles “will speak for themselves”",
      summary:
        "Responding to the media reports the same day, Ukrainian President Volodymyr Zelenskyy said long-range strikes are not announced in advance and that the missiles will “speak for themselves”. He neither confirmed nor denied the reports.",
      occurredOn: "2024-11-17",
      precision: "DAY",
      timeZone: "Europe/Kyiv",
      dayOrder: 1,
      firstReportedOn: "2024-11-17",
      actors: [{ actor: "volodymyr-zelenskyy", role: "SPEAKER" }],
      tags: ["atacms", "long-range-strikes"],
      citations: [
        {
          source: "office-of-the-president-of-ukraine",
          publishedOn: "2024-11-17",
          publishedPrecision: "DAY",
          quote: "will speak for themselves",
          attribution: "NAMED_ON_RECORD",
          attributionText: "President Volodymyr Zelenskyy",
          speaker: "volodymyr-zelenskyy",
          note: "Quoted in the seed article, which does not say where the statement was published.",
        },
      ],
      claims: [
        {
          claim: "biden-authorized-atacms-strikes-inside-russia",
          stance: "DECLINES",
          note: "Strikes are not announced in advance: neither a confirmation nor a denial.",
        },
      ],
    },
    {
      slug: "axios-reports-approval-limited-to-kursk-oblast",
      kind: "MEDIA_REPORT",
      headline: "Axios reports Biden approved ATACMS use only in Russia's Kursk Oblast",
      summary:
        "Axios reported that Joe Biden approved the use of ATACMS missiles only in Russia's Kursk Oblast, where North Korean soldiers are concentrated.",
      location: "Kursk Oblast, Russia",
      occurredOn: "2024-11-18",
      precision: "DAY",
      timeZone: "America/New_York",
      dayOrder: 0,
      firstReportedOn: "2024-11-18",
      actors: [{ actor: "joe-biden", role: "DECISION_MAKER" }],
      tags: ["atacms", "kursk-oblast", "north-korean-troops"],
      citations: [
        {
          source: "axios",
          publishedOn: "2024-11-18",
          publishedPrecision: "DAY",
          attribution: "UNKNOWN",
          note: "Known from the seed article, which does not say whom Axios cited.",
        },
      ],
      // Its own claim first (the label follows it); it also narrows the broader claim.
      claims: [
        { claim: "atacms-authorization-limited-to-kursk-oblast", stance: "ASSERTS" },
        {
          claim: "biden-authorized-atacms-strikes-inside-russia",
          stance: "QUALIFIES",
          note: "Scope: Russia's Kursk Oblast only.",
        },
      ],
    },
    {
      slug: "russia-accuses-us-of-escalation",
      kind: "STATEMENT",
      headline: "Russia accuses the United States of escalating the war by allowing long-range strikes",
      summary:
        "Russia accused the United States of escalating the conflict by allegedly allowing Ukraine to conduct long-range strikes. The seed article reports the accusation only through the State Department's answer to it.",
      occurredOn: "2024-11-18",
      precision: "DAY",
      approximate: true,
      timeNote:
        "The seed article does not date the accusation. It answers the reports of 17 November and precedes the State Department briefing, so it is placed on about 18 November 2024.",
      timeZone: "Europe/Moscow",
      dayOrder: 1,
      firstReportedOn: "2024-11-18",
      actors: [{ actor: "russian-government", role: "SPEAKER" }],
      tags: ["long-range-strikes", "escalation"],
      citations: [
        {
          ...MILLER_CITATION,
          attributionText: "as characterised by State Department spokesperson Matthew Miller",
          speaker: "russian-government",
          note: "The Russian statement itself is not cited in the seed article; it is known through Miller's answer.",
        },
      ],
    },
    {
      slug: "state-department-no-policy-updates",
      kind: "BRIEFING",
      headline: "State Department: “I don’t have any policy updates to speak to today”",
      summary:
        "Asked whether Ukraine had received permission to use American long-range missiles to strike Russia, State Department spokesperson Matthew Miller said he had no policy updates, and no new policy developments, to speak to. He declined to confirm the reports; he did not say the policy was unchanged, although the seed article's headline paraphrased his answer that way.",
      occurredOn: "2024-11-18",
      precision: "DAY",
      approximate: true,
      timeNote: BRIEFING_NOTE,
      timeZone: "America/New_York",
      dayOrder: 2,
      firstReportedOn: "2024-11-18",
      actors: [{ actor: "matthew-miller", role: "SPEAKER" }],
      tags: ["atacms", "long-range-strikes"],
      citations: [
        { ...MILLER_CITATION, quote: "I don’t have any policy updates to speak to today." },
        { ...MILLER_CITATION, quote: "But I don’t have any new policy developments to speak to today." },
      ],
      claims: [
        {
          claim: "biden-authorized-atacms-strikes-inside-russia",
          stance: "DECLINES",
          note: "No policy update to speak to: declines to confirm, and is not a statement that policy is unchanged.",
        },
      ],
    },
    {
      slug: "state-department-coalition-adapts-support",
      kind: "BRIEFING",
      headline: "Miller: a coalition of more than 50 countries backs Ukraine, and US support adapts as needed",
      summary:
        "At the same briefing Miller said the United States had marshaled a coalition of more than 50 countries to assist Ukraine and hold Russia accountable, and that Washington adapts and adjusts its military and other support to Ukraine as needed.",
      occurredOn: "2024-11-18",
      precision: "DAY",
      approximate: true,
      timeNote: BRIEFING_NOTE,
      timeZone: "America/New_York",
      dayOrder: 3,
      firstReportedOn: "2024-11-18",
      actors: [{ actor: "matthew-miller", role: "SPEAKER" }],
      tags: ["long-range-strikes"],
      citations: [
        {
          ...MILLER_CITATION,
          quote:
            "As you know, since even before Russia launched its full-scale invasion, the United States has marshaled a coalition of more than 50 countries to provide assistance to Ukraine and to hold Russia accountable for its actions.",
        },
      ],
    },
    {
      slug: "state-department-north-korean-troops-serious-escalation",
      kind: "BRIEFING",
      headline: "Miller: Russia's use of 11,000 North Korean soldiers is a serious escalation",
      summary:
        "Answering Russian accusations that the United States was escalating the conflict, Miller said it was Russia that brought 11,000 soldiers from North Korea into the war in the heart of Europe — a serious escalation that involves the army of an Asian country in a European conflict. He recalled Secretary of State Antony Blinken's statement that Washington's response would be firm.",
      occurredOn: "2024-11-18",
      precision: "DAY",
      approximate: true,
      timeNote: BRIEFING_NOTE,
      timeZone: "America/New_York",
      dayOrder: 4,
      firstReportedOn: "2024-11-18",
      actors: [
        { actor: "matthew-miller", role: "SPEAKER" },
        { actor: "antony-blinken", role: "SUBJECT" },
      ],
      tags: ["north-korean-troops", "escalation"],
      citations: [{ ...MILLER_CITATION, note: "Paraphrased in the seed article; no verbatim quote." }],
    },
  ],
  relations: [
    {
      from: "zelenskyy-says-missiles-will-speak-for-themselves",
      to: "nyt-reports-biden-allowed-atacms-strikes-on-russia",
      type: "RESPONDS_TO",
      note: "Responded to similar media reports the same day.",
    },
    {
      from: "axios-reports-approval-limited-to-kursk-oblast",
      to: "nyt-reports-biden-allowed-atacms-strikes-on-russia",
      type: "FOLLOWS_UP",
      note: "Narrows the reported authorization to Kursk Oblast.",
    },
    {
      from: "russia-accuses-us-of-escalation",
      to: "nyt-reports-biden-allowed-atacms-strikes-on-russia",
      type: "RESPONDS_TO",
      note: "Accuses the US over the reported permission.",
    },
    {
      from: "state-department-no-policy-updates",
      to: "nyt-reports-biden-allowed-atacms-strikes-on-russia",
      type: "RESPONDS_TO",
      note: "Asked whether Ukraine had received permission; declined to confirm.",
    },
    {
      from: "state-department-coalition-adapts-support",
      to: "state-department-no-policy-updates",
      type: "FOLLOWS_UP",
      note: "Same briefing.",
    },
    {
      from: "state-department-north-korean-troops-serious-escalation",
      to: "russia-accuses-us-of-escalation",
      type: "RESPONDS_TO",
      note: "Answers the accusation of escalation.",
    },
    {
      from: "state-department-north-korean-troops-serious-escalation",
      to: "blinken-says-response-will-be-firm",
      type: "FOLLOWS_UP",
      note: "Recalls Blinken's statement.",
    },
  ],
};
