import { machineTime } from "../dates";
import { EVENT_STATUS_LABEL } from "../domain";
import type { EventDetail } from "./queries";

/** schema.org description of an event permalink, escaped for a <script> element. */
export function eventJsonLd(event: EventDetail, origin: string): string {
  const url = `${origin}/events/${event.slug}`;
  const data = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": url,
    url,
    mainEntityOfPage: url,
    headline: event.headline,
    description: event.summary,
    datePublished: event.firstReportedAt.toISOString(),
    dateModified: event.updatedAt.toISOString(),
    temporalCoverage: machineTime(event),
    ...(event.location ? { contentLocation: { "@type": "Place", name: event.location } } : {}),
    creativeWorkStatus: EVENT_STATUS_LABEL[event.status],
    isPartOf: { "@type": "CreativeWorkSeries", name: event.story.title, url: `${origin}/stories/${event.story.slug}` },
    about: event.actors.map((a) => ({ "@type": "Thing", name: a.actor.name })),
    citation: event.citations.map((c) => ({
      "@type": "CreativeWork",
      ...(c.title ? { name: c.title } : {}),
      ...(c.url ? { url: c.url } : {}),
      publisher: { "@type": "Organization", name: c.source.name },
      ...(c.quote ? { text: c.quote } : {}),
    })),
    publisher: { "@type": "Organization", name: "Sourceline" },
  };
  // "<" escaped so that no text can close the script element.
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
