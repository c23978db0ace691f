import Link from "next/link";
import { embedCode } from "@/lib/embed/embed";
import type { StorySummary } from "@/lib/stories/queries";
import { EmbedCode } from "./embed-code";

/** A story page's "take it elsewhere" panel: feeds, downloads, the API and the embed code. */
export function StorySyndication({ story, home }: { story: Pick<StorySummary, "slug" | "title">; home: boolean }) {
  const base = home ? "" : `/stories/${story.slug}`;
  const link = "underline underline-offset-2";
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer font-semibold">Feeds, data and embedding</summary>
      <div className="mt-2 space-y-2">
        <p>
          Feeds: <a className={link} href={`${base}/feed.xml`}>RSS</a> · <a className={link} href={`${base}/feed.atom`}>Atom</a> ·{" "}
          <a className={link} href={`${base}/feed.json`}>JSON Feed</a> · changes (status changes, corrections):{" "}
          <a className={link} href={`${base}/changes.atom`}>Atom</a>
        </p>
        <p>
          Download the story: <a className={link} href={`/stories/${story.slug}/export.json`}>JSON</a> ·{" "}
          <a className={link} href={`/stories/${story.slug}/export.csv`}>CSV (spreadsheet)</a> ·{" "}
          <Link className={link} href="/api">
            JSON API and formats
          </Link>
        </p>
        <EmbedCode code={embedCode(story.slug, story.title)} />
      </div>
    </details>
  );
}
