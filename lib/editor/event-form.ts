import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { z } from "zod";
import { isValidTimeZone, parseIsoDay } from "../dates";
import { ACTOR_ROLES, ATTRIBUTIONS, DATE_BOUNDS, EVENT_KINDS, PRECISIONS } from "../domain";
import { isWebUrl, WEB_URL_MESSAGE } from "../url";
import type { FormValues } from "./form-state";

// The event and citation forms: field names, parsing (times are entered in the event's own zone)
// and the reverse mapping that pre-fills a form from a stored record.

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** A local date (YYYY-MM-DD) and optional time (HH:MM) in `zone`, as a UTC instant. */
export function localToInstant(day: string, time: string, zone: string): Date | null {
  const d = parseIsoDay(day);
  if (!d || !isValidTimeZone(zone)) return null;
  const m = /^(\d{2}):(\d{2})$/.exec(time.trim());
  const [h, min] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (h > 23 || min > 59) return null;
  return new Date(new TZDate(d.year, d.month - 1, d.day, h, min, 0, 0, zone).getTime());
}

export function instantToLocal(at: Date | null, zone: string): { day: string; time: string } {
  if (!at) return { day: "", time: "" };
  const z = new TZDate(at, zone);
  return { day: format(z, "yyyy-MM-dd"), time: format(z, "HH:mm") };
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null));

export const eventFormSchema = z
  .object({
    slug: z.string().trim().min(1, "The slug is required."),
    kind: z.enum(EVENT_KINDS, { error: "Choose a kind." }),
    headline: z.string().trim().min(1, "The headline is required.").max(300, "Keep the headline under 300 characters."),
    summary: z.string().trim().min(1, "The summary is required."),
    location: optional,
    timeZone: z.string().trim().refine(isValidTimeZone, "Enter an IANA time zone, e.g. Europe/Kyiv."),
    occurredDate: z.string().trim().refine((v) => parseIsoDay(v) !== null, "Enter the date as YYYY-MM-DD."),
    occurredTime: z.string().optional().default(""),
    occurredEndDate: z.string().optional().default(""),
    occurredEndTime: z.string().optional().default(""),
    precision: z.enum(PRECISIONS, { error: "Choose a precision." }),
    dateBound: z.enum(DATE_BOUNDS, { error: "Choose what the sources say of the date." }).default("EXACT"),
    approximate: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    timeNote: optional,
    dayOrder: z.coerce.number().int().min(0).max(9999).default(0),
    firstReportedDate: z.string().trim().refine((v) => parseIsoDay(v) !== null, "Enter the date as YYYY-MM-DD."),
    firstReportedTime: z.string().optional().default(""),
    actorId: z.union([z.string(), z.array(z.string())]).optional(),
    actorRole: z.union([z.string(), z.array(z.string())]).optional(),
    tags: z.string().optional().default(""),
  })
  .transform((v, ctx) => {
    const occurredAt = localToInstant(v.occurredDate, v.occurredTime, v.timeZone);
    const firstReportedAt = localToInstant(v.firstReportedDate, v.firstReportedTime, v.timeZone);
    const occurredEndAt = v.occurredEndDate.trim() ? localToInstant(v.occurredEndDate, v.occurredEndTime, v.timeZone) : null;
    if (!occurredAt) ctx.addIssue({ code: "custom", path: ["occurredDate"], message: "Enter a valid date and time." });
    if (!firstReportedAt) ctx.addIssue({ code: "custom", path: ["firstReportedDate"], message: "Enter a valid date and time." });
    if (v.occurredEndDate.trim() && !occurredEndAt) ctx.addIssue({ code: "custom", path: ["occurredEndDate"], message: "Enter a valid end date." });
    if (v.dateBound === "BETWEEN" && !v.occurredEndDate.trim()) {
      ctx.addIssue({ code: "custom", path: ["occurredEndDate"], message: "A date “between” two dates needs the later one here." });
    }
    if (v.precision === "MINUTE" || v.precision === "HOUR") {
      if (!/^\d{2}:\d{2}$/.test(v.occurredTime.trim())) {
        ctx.addIssue({ code: "custom", path: ["occurredTime"], message: "A minute or hour precision needs a time." });
      }
    }
    const ids = list(v.actorId);
    const roles = list(v.actorRole);
    const actors = ids
      .map((actorId, i) => ({ actorId, role: roles[i] ?? "" }))
      .filter((a) => a.actorId !== "")
      .map((a) => ({ actorId: a.actorId, role: (ACTOR_ROLES as readonly string[]).includes(a.role) ? (a.role as (typeof ACTOR_ROLES)[number]) : "SUBJECT" as const }));
    return {
      slug: v.slug,
      kind: v.kind,
      headline: v.headline,
      summary: v.summary,
      location: v.location,
      occurredAt: occurredAt ?? new Date(0),
      occurredEndAt,
      precision: v.precision,
      approximate: v.approximate,
      dateBound: v.dateBound,
      timeNote: v.timeNote,
      timeZone: v.timeZone,
      dayOrder: v.dayOrder,
      firstReportedAt: firstReportedAt ?? new Date(0),
      actors,
      tagNames: v.tags.split(",").map((t) => t.trim()).filter(Boolean),
    };
  });

export type StoredEventForForm = {
  slug: string;
  kind: string;
  headline: string;
  summary: string;
  location: string | null;
  occurredAt: Date;
  occurredEndAt: Date | null;
  precision: string;
  approximate: boolean;
  dateBound: string;
  timeNote: string | null;
  timeZone: string;
  dayOrder: number;
  firstReportedAt: Date;
  actors: { actorId: string; role: string }[];
  tags: { tag: { name: string } }[];
};

export function eventToFormValues(e: StoredEventForForm): FormValues {
  const occurred = instantToLocal(e.occurredAt, e.timeZone);
  const end = instantToLocal(e.occurredEndAt, e.timeZone);
  const reported = instantToLocal(e.firstReportedAt, e.timeZone);
  const timed = e.precision === "MINUTE" || e.precision === "HOUR";
  return {
    slug: e.slug,
    kind: e.kind,
    headline: e.headline,
    summary: e.summary,
    location: e.location ?? "",
    timeZone: e.timeZone,
    occurredDate: occurred.day,
    occurredTime: timed ? occurred.time : "",
    occurredEndDate: end.day,
    occurredEndTime: e.occurredEndAt && timed ? end.time : "",
    precision: e.precision,
    dateBound: e.dateBound,
    approximate: e.approximate ? "on" : "",
    timeNote: e.timeNote ?? "",
    dayOrder: String(e.dayOrder),
    firstReportedDate: reported.day,
    firstReportedTime: reported.time,
    actorId: e.actors.map((a) => a.actorId),
    actorRole: e.actors.map((a) => a.role),
    tags: e.tags.map((t) => t.tag.name).sort().join(", "),
  };
}

/** Submitted values in the stored snapshot's terms, for the conflict view (lib/editor/events.ts). */
export function eventFormAsSnapshot(values: FormValues): Record<string, string> {
  const zone = text(values.timeZone);
  const at = (d: string, t: string) => localToInstant(d, t, zone)?.toISOString() ?? `${d} ${t}`.trim();
  return {
    slug: text(values.slug),
    kind: text(values.kind),
    headline: text(values.headline).trim(),
    summary: text(values.summary).trim(),
    location: text(values.location).trim(),
    occurredAt: at(text(values.occurredDate), text(values.occurredTime)),
    precision: text(values.precision),
    dateBound: text(values.dateBound) || "EXACT",
    approximate: text(values.approximate) === "on" ? "true" : "false",
    timeNote: text(values.timeNote).trim(),
    timeZone: zone,
    firstReportedAt: at(text(values.firstReportedDate), text(values.firstReportedTime)),
    tags: text(values.tags)
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean)
      .sort()
      .join(", "),
  };
}

export const citationFormSchema = z.object({
  sourceId: z.string().min(1, "Choose a source."),
  url: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : null))
    .refine((v) => v === null || isWebUrl(v), WEB_URL_MESSAGE),
  archivedUrl: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : null))
    .refine((v) => v === null || isWebUrl(v), WEB_URL_MESSAGE),
  title: optional,
  publishedDate: z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .refine((v) => v === "" || parseIsoDay(v) !== null, "Enter the date as YYYY-MM-DD."),
  publishedTime: z.string().optional().default(""),
  // Blank: the precision is unknown (a publication date then counts at day precision).
  publishedPrecision: z.union([z.enum(PRECISIONS), z.literal("")]).optional().transform((v) => (v ? v : null)),
  quote: optional,
  attribution: z.enum(ATTRIBUTIONS, { error: "Choose how the citation is attributed." }),
  attributionText: optional,
  speakerActorId: optional,
  originSourceId: optional,
  originText: optional,
  repeatsCitationId: optional,
  note: optional,
});

export function citationInputFrom(v: z.infer<typeof citationFormSchema>, zone: string) {
  return {
    sourceId: v.sourceId,
    url: v.url,
    archivedUrl: v.archivedUrl,
    title: v.title,
    publishedAt: v.publishedDate ? localToInstant(v.publishedDate, v.publishedTime, zone) : null,
    publishedPrecision: v.publishedDate ? v.publishedPrecision : null,
    quote: v.quote,
    attribution: v.attribution,
    attributionText: v.attributionText,
    speakerActorId: v.speakerActorId,
    originSourceId: v.originSourceId,
    originText: v.originText,
    repeatsCitationId: v.repeatsCitationId,
    note: v.note,
  };
}
