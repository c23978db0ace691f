import { machineTime } from "../dates";
import type { EventView } from "./event-view";
import type { EventDetail } from "./queries";

/**
 * schema.org description of an event permalink as the reader sees it (its label and the citations
 * known at the view's instant), escaped for a <script> element.
 */
export function eventJsonLd(view: EventView<EventDetail>, origin: string): string {
  const event = view.event;
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
    creativeWorkStatus: view.label.text,
    isPartOf: { "@type": "CreativeWorkSeries", name: event.story.title, url: `${origin}/stories/${event.story.slug}` },
    about: event.actors.map((a) => ({ "@type": "Thing", name: a.actor.name })),
    citation: view.citations.map((c) => ({
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
