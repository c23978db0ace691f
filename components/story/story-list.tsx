import Link from "next/link";
import { WhereThingsStand } from "@/components/reader/where-things-stand";
import { formatPublished } from "@/lib/dates";
import { STORY_STATE_LABEL } from "@/lib/domain";
import type { Standing } from "@/lib/reader/where-things-stand";
import type { StoryListing, StorySummary } from "@/lib/stories/queries";

/**
 * A story's timeline. Linked with a plain `<a>`, not `<Link>`: its events come as HTML
 * (lib/reader/frozen.ts), which only a document load carries.
 */
export const storyPath = (s: { slug: string; isDefault: boolean }) => (s.isDefault ? "/" : `/stories/${s.slug}`);

/** Every story for readers: its state, last update, size, and where its main claims stand now. */
export function StoryList({ stories }: { stories: { story: StoryListing; standings: Standing[] }[] }) {
  return (
    <ol className="space-y-6">
      {stories.map(({ story, standings }) => (
        <li key={story.id} className="rounded border border-zinc-300 p-4 dark:border-zinc-700">
          <h2 id={`story-${story.slug}`} className="font-serif text-2xl font-bold leading-tight">
            <a href={storyPath(story)} className="underline underline-offset-2">
              {story.title}
            </a>
          </h2>
          <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
            <strong data-testid="story-state">{STORY_STATE_LABEL[story.state]}</strong>
            {" · "}
            Last updated <time dateTime={story.lastUpdate.toISOString()}>{formatPublished(story.lastUpdate, "DAY", story.timeZone)}</time>
            {" · "}
            {story.events} event{story.events === 1 ? "" : "s"}
            {story.isDefault ? " · on the front page" : ""}
          </p>
          <p className="mt-2 max-w-prose">{story.description}</p>
          {standings.length > 0 ? (
            <div className="mt-3">
              <WhereThingsStand
                standings={standings}
                headingLevel={3}
                id={`stands-${story.slug}`}
                regionLabel={`Where ${story.title} stands`}
                claimsHref={story.isDefault ? "/claims" : `/stories/${story.slug}/claims`}
              />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The home page's short list of the stories other than the default one. */
export function OtherStories({ stories }: { stories: StorySummary[] }) {
  if (stories.length === 0) return null;
  return (
    <section aria-labelledby="other-stories" className="mt-10 border-t border-zinc-300 pt-4 dark:border-zinc-700">
      <h2 id="other-stories" className="font-serif text-xl font-bold">
        Other stories
      </h2>
      <ul className="mt-2 space-y-1">
        {stories.map((s) => (
          <li key={s.id}>
            <a href={storyPath(s)} className="underline underline-offset-2">
              {s.title}
            </a>{" "}
            <span className="text-sm text-zinc-700 dark:text-zinc-300">({STORY_STATE_LABEL[s.state].toLowerCase()})</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        <Link href="/stories" className="underline underline-offset-2">
          All stories and where they stand
        </Link>
      </p>
    </section>
  );
}
