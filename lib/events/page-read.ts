import "server-only";
import { databaseKind, driverDate, driverRows, type Db, type DriverRow as Row } from "../db";
import type { RelatedEvent, TimelineEvent, TimelineEventScalars } from "./queries";

// What a timeline page shows of each event besides its own columns (label periods, citations with
// their source, speaker and origin, actors, tags, claims with their histories and the voice of
// each change's evidence, related events), read with eight hand-written statements on the
// database's driver. Through Prisma the same relations took about thirty statements, each costing
// more to compile than the database spent running it: the page took 5× the hand-written baseline
// of the bench (scripts/bench/baseline-sql.ts). The result has exactly the shape, values and order
// of `timelineEventSelect` (lib/events/page-read.test.ts compares the two on both databases).

type Reader = Awaited<ReturnType<typeof driverRows>>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number => Number(v);
const bool = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === 1n;
const date = driverDate;
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

type Citation = TimelineEvent["citations"][number];
type ClaimLink = TimelineEvent["claims"][number];
type Change = ClaimLink["claim"]["history"][number];
type Voice = NonNullable<Citation["speaker"]>;
type Outlet = Citation["source"];

const outlet = (r: Row, p: string): Outlet => ({ slug: str(r[`${p}Slug`]), name: str(r[`${p}Name`]), kind: str(r[`${p}Kind`]) as Outlet["kind"] });
const outletOrNull = (r: Row, p: string): Outlet | null => (r[`${p}Slug`] === null || r[`${p}Slug`] === undefined ? null : outlet(r, p));
const voiceOrNull = (r: Row, p: string): Voice | null =>
  r[`${p}Slug`] === null || r[`${p}Slug`] === undefined
    ? null
    : { slug: str(r[`${p}Slug`]), name: str(r[`${p}Name`]), title: strOrNull(r[`${p}Title`]), affiliation: strOrNull(r[`${p}Affiliation`]) };

/** A citation's own facts and voice, from columns named `<p>Url`, `<p>SourceSlug`… (or `url`, `SourceSlug`… without a prefix). */
function citationFacts(r: Row, p: string) {
  const c = (name: string) => r[p ? `${p}${name[0]!.toUpperCase()}${name.slice(1)}` : name];
  return {
    id: str(c("id")),
    sourceId: str(c("sourceId")),
    source: outlet(r, `${p}Source`),
    url: strOrNull(c("url")),
    quote: strOrNull(c("quote")),
    publishedAt: dateOrNull(c("publishedAt")),
    publishedPrecision: strOrNull(c("publishedPrecision")) as Citation["publishedPrecision"],
    attribution: str(c("attribution")) as Citation["attribution"],
    attributionText: strOrNull(c("attributionText")),
    speakerActorId: strOrNull(c("speakerActorId")),
    speaker: voiceOrNull(r, `${p}Speaker`),
    originSourceId: strOrNull(c("originSourceId")),
    origin: outletOrNull(r, `${p}Origin`),
    originText: strOrNull(c("originText")),
  };
}

// A citation's voice and outlets, joined the same way in every statement that reads citations.
const VOICE_COLUMNS = (p: string) =>
  `${p}s."slug" AS "${p}SourceSlug", ${p}s."name" AS "${p}SourceName", ${p}s."kind" AS "${p}SourceKind",
   ${p}a."slug" AS "${p}SpeakerSlug", ${p}a."name" AS "${p}SpeakerName", ${p}a."title" AS "${p}SpeakerTitle", ${p}a."affiliation" AS "${p}SpeakerAffiliation",
   ${p}o."slug" AS "${p}OriginSlug", ${p}o."name" AS "${p}OriginName", ${p}o."kind" AS "${p}OriginKind"`;
const VOICE_JOINS = (c: string, p: string, join: "JOIN" | "LEFT JOIN") =>
  `${join} "Source" ${p}s ON ${p}s."id" = ${c}."sourceId"
   LEFT JOIN "Actor" ${p}a ON ${p}a."id" = ${c}."speakerActorId"
   LEFT JOIN "Source" ${p}o ON ${p}o."id" = ${c}."originSourceId"`;

/** Label periods of the given events, by event. */
async function periodsOf(read: Reader, ids: string[]) {
  const rows = await read(
    `SELECT "eventId", "status", "validFrom", "validTo" FROM "EventStatusPeriod" WHERE "eventId" IN (${marks(ids.length)}) ORDER BY "eventId", "validFrom", "id"`,
    ids,
  );
  return groupBy(rows, (r) => str(r.eventId));
}
const periods = (rows: Row[] | undefined): TimelineEvent["statusPeriods"] =>
  (rows ?? []).map((r) => ({ status: str(r.status) as TimelineEvent["status"], validFrom: date(r.validFrom), validTo: dateOrNull(r.validTo) }));

/**
 * The relations of every event of `page`, loaded in eight statements whatever the page's length,
 * joined onto the events' own columns.
 */
export async function withPageRelations(db: Db, page: TimelineEventScalars[]): Promise<TimelineEvent[]> {
  if (page.length === 0) return [];
  const read = await driverRows(db);
  const ids = page.map((e) => e.id);
  const inIds = marks(ids.length);
  const published = databaseKind() === "postgresql" ? "TRUE" : "1";

  const [periodRows, citationRows, actorRows, tagRows, linkRows, relationRows] = await Promise.all([
    periodsOf(read, ids),
    read(
      `SELECT c."eventId", c."id", c."sourceId", c."url", c."title", c."quote", c."publishedAt", c."publishedPrecision", c."attribution",
              c."attributionText", c."repeatsCitationId", c."speakerActorId", c."originSourceId", c."originText", ${VOICE_COLUMNS("")}
       FROM "Citation" c ${VOICE_JOINS("c", "", "JOIN")}
       WHERE c."eventId" IN (${inIds}) ORDER BY c."eventId", c."position", c."id"`,
      ids,
    ),
    read(
      `SELECT ea."eventId", ea."role", a."slug", a."name", a."title" FROM "EventActor" ea JOIN "Actor" a ON a."id" = ea."actorId"
       WHERE ea."eventId" IN (${inIds}) ORDER BY ea."eventId", ea."actorId", ea."role"`,
      ids,
    ),
    read(
      `SELECT et."eventId", t."slug", t."name" FROM "EventTag" et JOIN "Tag" t ON t."id" = et."tagId"
       WHERE et."eventId" IN (${inIds}) ORDER BY et."eventId", et."tagId"`,
      ids,
    ),
    read(
      `SELECT ec."eventId", ec."stance", ec."note", ec."position", cl."id", cl."slug", cl."text", cl."scope", cl."status"
       FROM "EventClaim" ec JOIN "Claim" cl ON cl."id" = ec."claimId"
       WHERE ec."eventId" IN (${inIds}) ORDER BY ec."eventId", ec."position", ec."claimId"`,
      ids,
    ),
    // Both directions in one statement: "out" rows relate the page's event (fromEventId) to a
    // published event (toEventId), "in" rows the other way round.
    read(
      `SELECT 'out' AS "direction", r."fromEventId" AS "pageEventId", r."id" AS "relationId", r."type", r."note", r."toEventId" AS "otherId"
       FROM "EventRelation" r JOIN "Event" e ON e."id" = r."toEventId"
       WHERE r."fromEventId" IN (${inIds}) AND e."published" = ${published}
       UNION ALL
       SELECT 'in', r."toEventId", r."id", r."type", r."note", r."fromEventId"
       FROM "EventRelation" r JOIN "Event" e ON e."id" = r."fromEventId"
       WHERE r."toEventId" IN (${inIds}) AND e."published" = ${published}
       ORDER BY 1, 2, 6, 3`,
      [...ids, ...ids],
    ),
  ]);

  // The second round: the histories of the page's claims, and the events the page relates to.
  const claimIds = [...new Set(linkRows.map((r) => str(r.id)))];
  const otherIds = [...new Set(relationRows.map((r) => str(r.otherId)))];
  const [historyRows, relatedRows, relatedPeriods] = await Promise.all([
    claimIds.length
      ? read(
          `SELECT h."claimId", h."id", h."fromStatus", h."toStatus", h."knownAt", h."sequence", h."reason", h."evidenceCitationId",
                  ev."id" AS "evId", ev."sourceId" AS "evSourceId", ev."speakerActorId" AS "evSpeakerActorId", ev."originSourceId" AS "evOriginSourceId",
                  ev."url" AS "evUrl", ev."quote" AS "evQuote", ev."publishedAt" AS "evPublishedAt", ev."publishedPrecision" AS "evPublishedPrecision",
                  ev."attribution" AS "evAttribution", ev."attributionText" AS "evAttributionText", ev."originText" AS "evOriginText",
                  ${VOICE_COLUMNS("ev")}, eve."slug" AS "evEventSlug", eve."published" AS "evEventPublished"
           FROM "ClaimStatusChange" h
           LEFT JOIN "Citation" ev ON ev."id" = h."evidenceCitationId" ${VOICE_JOINS("ev", "ev", "LEFT JOIN")}
           LEFT JOIN "Event" eve ON eve."id" = ev."eventId"
           WHERE h."claimId" IN (${marks(claimIds.length)}) ORDER BY h."claimId", h."knownAt", h."sequence", h."id"`,
          claimIds,
        )
      : [],
    otherIds.length
      ? read(
          `SELECT e."id", e."slug", e."headline", e."occurredAt", e."occurredEndAt", e."precision", e."approximate", e."dateBound", e."timeZone",
                  e."firstReportedAt", e."status", e."knownFrom", e."timelineKey",
                  (SELECT a."name" FROM "EventActor" ea JOIN "Actor" a ON a."id" = ea."actorId"
                   WHERE ea."eventId" = e."id" AND ea."role" = 'SPEAKER' ORDER BY ea."actorId" LIMIT 1) AS "speakerName",
                  (SELECT s."name" FROM "Citation" c JOIN "Source" s ON s."id" = c."sourceId"
                   WHERE c."eventId" = e."id" ORDER BY c."position", c."id" LIMIT 1) AS "firstSourceName"
           FROM "Event" e WHERE e."id" IN (${marks(otherIds.length)})`,
          otherIds,
        )
      : [],
    otherIds.length ? periodsOf(read, otherIds) : new Map<string, Row[]>(),
  ]);

  const citations = groupBy(
    citationRows.map(
      (r): [string, Citation] => [
        str(r.eventId),
        {
          ...citationFacts(r, ""),
          title: strOrNull(r.title),
          repeatsCitationId: strOrNull(r.repeatsCitationId),
        },
      ],
    ),
    ([eventId]) => eventId,
  );
  const actors = groupBy(actorRows, (r) => str(r.eventId));
  const tags = groupBy(tagRows, (r) => str(r.eventId));
  const links = groupBy(linkRows, (r) => str(r.eventId));
  const histories = groupBy(
    historyRows.map(
      (r): [string, Change] => [
        str(r.claimId),
        {
          id: str(r.id),
          fromStatus: strOrNull(r.fromStatus) as Change["fromStatus"],
          toStatus: str(r.toStatus) as Change["toStatus"],
          knownAt: date(r.knownAt),
          sequence: int(r.sequence),
          reason: str(r.reason),
          evidenceCitationId: strOrNull(r.evidenceCitationId),
          evidenceCitation:
            r.evId === null || r.evId === undefined
              ? null
              : {
                  ...citationFacts(r, "ev"),
                  event: { slug: str(r.evEventSlug), published: bool(r.evEventPublished) },
                },
        },
      ],
    ),
    ([claimId]) => claimId,
  );
  const related = new Map(
    relatedRows.map((r): [string, RelatedEvent] => {
      const id = str(r.id);
      return [
        id,
        {
          id,
          slug: str(r.slug),
          headline: str(r.headline),
          occurredAt: date(r.occurredAt),
          occurredEndAt: dateOrNull(r.occurredEndAt),
          precision: str(r.precision) as RelatedEvent["precision"],
          approximate: bool(r.approximate),
          dateBound: str(r.dateBound) as RelatedEvent["dateBound"],
          timeZone: str(r.timeZone),
          firstReportedAt: date(r.firstReportedAt),
          status: str(r.status) as RelatedEvent["status"],
          knownFrom: date(r.knownFrom),
          statusPeriods: periods(relatedPeriods.get(id)),
          timelineKey: str(r.timelineKey),
          actors: r.speakerName === null || r.speakerName === undefined ? [] : [{ actor: { name: str(r.speakerName) } }],
          citations: r.firstSourceName === null || r.firstSourceName === undefined ? [] : [{ source: { name: str(r.firstSourceName) } }],
        },
      ];
    }),
  );
  const relations = groupBy(relationRows, (r) => `${str(r.direction)}:${str(r.pageEventId)}`);

  return page.map((event) => ({
    ...event,
    statusPeriods: periods(periodRows.get(event.id)),
    citations: (citations.get(event.id) ?? []).map(([, c]) => c),
    actors: (actors.get(event.id) ?? []).map((r) => ({
      role: str(r.role) as TimelineEvent["actors"][number]["role"],
      actor: { slug: str(r.slug), name: str(r.name), title: strOrNull(r.title) },
    })),
    tags: (tags.get(event.id) ?? []).map((r) => ({ tag: { slug: str(r.slug), name: str(r.name) } })),
    claims: (links.get(event.id) ?? []).map(
      (r): ClaimLink => ({
        stance: str(r.stance) as ClaimLink["stance"],
        note: strOrNull(r.note),
        position: int(r.position),
        claim: {
          id: str(r.id),
          slug: str(r.slug),
          text: str(r.text),
          scope: strOrNull(r.scope),
          status: str(r.status) as ClaimLink["claim"]["status"],
          history: (histories.get(str(r.id)) ?? []).map(([, h]) => h),
        },
      }),
    ),
    relationsFrom: (relations.get(`out:${event.id}`) ?? []).flatMap((r) => {
      const to = related.get(str(r.otherId));
      return to ? [{ type: str(r.type) as TimelineEvent["relationsFrom"][number]["type"], note: strOrNull(r.note), to }] : [];
    }),
    relationsTo: (relations.get(`in:${event.id}`) ?? []).flatMap((r) => {
      const from = related.get(str(r.otherId));
      return from ? [{ type: str(r.type) as TimelineEvent["relationsTo"][number]["type"], note: strOrNull(r.note), from }] : [];
    }),
  }));
}
