import type { Metadata } from "next";
import { API_ENDPOINTS } from "@/lib/api/openapi";
import { IMPORT_CSV_COLUMNS } from "@/lib/export/csv-layout";

export const metadata: Metadata = {
  title: "API, feeds, embeds and exports",
  description: "Sourceline's read-only JSON API, its feeds, embeds and story exports.",
  alternates: { canonical: "/api" },
};

const h2 = "mt-8 font-serif text-2xl font-bold";
const code = "rounded bg-zinc-100 px-1 font-mono text-sm dark:bg-zinc-800";

export default function ApiPage() {
  return (
    <article className="max-w-prose-wide space-y-3">
      <h1 className="font-serif text-3xl font-bold">API, feeds, embeds and exports</h1>
      <p>
        Everything on a timeline is also available to machines. The filters are the timeline&apos;s own query string (
        <code className={code}>source</code>, <code className={code}>status</code>, <code className={code}>kind</code>,{" "}
        <code className={code}>actor</code>, <code className={code}>tag</code>, <code className={code}>from</code>,{" "}
        <code className={code}>to</code>, <code className={code}>q</code>, <code className={code}>asof</code>) and mean the same in
        pages, feeds, embeds and the API. Unpublished events never appear.
      </p>

      <h2 id="json-api" className={h2}>JSON API</h2>
      <p>
        Read-only, under <code className={code}>/api/v1</code>, described by an OpenAPI 3.1 document at{" "}
        <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Any origin may read it (CORS). Responses carry{" "}
        <code className={code}>ETag</code> and <code className={code}>Last-Modified</code>; send <code className={code}>If-None-Match</code> or{" "}
        <code className={code}>If-Modified-Since</code> to get a <code className={code}>304</code>. Lists page with{" "}
        <code className={code}>cursor</code> (give back the <code className={code}>next_cursor</code> you received). Mirrors sync with{" "}
        <code className={code}>updated_since</code> and the retractions list.
      </p>
      <p>
        A malformed or unknown parameter is refused with <code className={code}>400</code> naming it; a missing record is a{" "}
        <code className={code}>404</code>. Every error has one shape:
      </p>
      <pre className="overflow-x-auto rounded bg-zinc-100 p-3 text-sm dark:bg-zinc-800">
        {`{ "error": { "code": "invalid_parameter", "message": "…", "details": [{ "parameter": "status", "message": "…" }] } }`}
      </pre>
      {API_ENDPOINTS.map((e) => (
        <section key={e.path} aria-labelledby={`ep-${e.schema}`} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <h3 id={`ep-${e.schema}`} className="font-mono font-semibold">GET {e.path}</h3>
          <p className="mt-1">{e.summary} Response: <code className={code}>{e.schema}</code>.</p>
          {e.params.length > 0 ? (
            <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
              {e.params.map((p) => (
                <div key={p.name} className="contents">
                  <dt className="font-mono font-semibold">{p.name}</dt>
                  <dd>{p.description}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <p className="mt-2 text-sm">
            Example: <a className="break-all font-mono underline" href={e.example}>{e.example}</a>
          </p>
        </section>
      ))}

      <h2 id="feeds" className={h2}>Feeds</h2>
      <p>
        RSS 2.0 (<code className={code}>.xml</code>), Atom (<code className={code}>.atom</code>) and JSON Feed (
        <code className={code}>.json</code>), taking the timeline&apos;s query string. Every entry carries its status label and its sources.
      </p>
      <ul className="ml-5 list-disc">
        <li><a className="underline" href="/feed.atom">/feed.xml, /feed.atom, /feed.json</a>: the default story</li>
        <li><code className={code}>/stories/&lt;slug&gt;/feed.xml</code> (and .atom, .json): any story</li>
        <li><code className={code}>/sources/&lt;slug&gt;/feed.xml</code> (and .atom, .json): every event citing a source</li>
        <li><a className="underline" href="/changes.atom">/changes.xml, /changes.atom, /changes.json</a> and <code className={code}>/stories/&lt;slug&gt;/changes.*</code>: claim status changes and corrections</li>
      </ul>

      <h2 id="embeds" className={h2}>Embeds</h2>
      <p>
        <code className={code}>/embed/&lt;story-slug&gt;</code> is a light, chrome-free timeline for an <code className={code}>&lt;iframe&gt;</code>, with the same
        filters. Link to one event with <code className={code}>#&lt;event-slug&gt;</code> or <code className={code}>?event=&lt;event-slug&gt;</code>. oEmbed:{" "}
        <code className={code}>/api/oembed?url=&lt;story page URL&gt;&amp;format=json</code>.
      </p>

      <h2 id="exports" className={h2}>Exports and imports</h2>
      <p>
        <code className={code}>/stories/&lt;slug&gt;/export.json</code> is a full, re-importable story (with <code className={code}>formatVersion</code>);{" "}
        <code className={code}>/stories/&lt;slug&gt;/export.csv</code> has one row per event and citation. Editors import either with{" "}
        <code className={code}>npm run import</code>. The CSV columns are listed below; a template is at{" "}
        <a className="underline" href="/import-template.csv">/import-template.csv</a>.
      </p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        {IMPORT_CSV_COLUMNS.map((c) => (
          <div key={c.name} className="contents">
            <dt className="font-mono font-semibold">{c.name}</dt>
            <dd>{c.description}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
