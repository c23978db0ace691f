import { ImageResponse } from "next/og";
import { formatEventTime } from "@/lib/dates";
import { projectEvent } from "@/lib/events/event-view";
import { getEventBySlugOrId } from "@/lib/events/queries";

// The share card of an event: headline, date and status label. next/og's bundled font only:
// no network fonts.

export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "Sourceline: an event on a timeline of record, with its status label";

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const event = await getEventBySlugOrId((await params).slug);
  const label = event ? (projectEvent(event, null)?.label ?? null) : null;
  return new ImageResponse(
    (
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          padding: 64,
          background: "#ffffff",
          color: "#18181b",
          borderTop: "16px solid #b45309",
        }}
      >
        <div style={{ display: "flex", fontSize: 30, color: "#3f3f46" }}>
          {event ? `${formatEventTime(event)} · ${event.story.title}` : "Sourceline"}
        </div>
        <div style={{ display: "flex", fontSize: event && event.headline.length > 90 ? 48 : 60, fontWeight: 700, lineHeight: 1.15 }}>
          {event ? event.headline : "Event not found"}
        </div>
        <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
          <div
            style={{
              display: "flex",
              fontSize: 32,
              fontWeight: 700,
              padding: "10px 20px",
              border: "4px solid #18181b",
              borderRadius: 10,
            }}
          >
            {label ? label.text : "Sourceline"}
          </div>
          <div style={{ display: "flex", fontSize: 30, fontWeight: 700 }}>Sourceline</div>
        </div>
      </div>
    ),
    size,
  );
}
