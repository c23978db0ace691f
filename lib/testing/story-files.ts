import type { StoryExport } from "../export/format";

/** A version 2 story file as a version 1 file wrote it: no speakers, origins, date bounds, versions or change sequences. */
export function versionOneOf(v2: StoryExport) {
  return {
    ...v2,
    formatVersion: 1,
    claims: v2.claims.map((c) => ({ ...c, history: c.history.map(({ sequence: _s, ...h }) => (void _s, h)) })),
    events: v2.events.map(({ dateBound: _d, version: _v, ...e }) => (void _d, void _v, {
      ...e,
      citations: e.citations.map(({ speakerActorId: _a, originSourceId: _o, originText: _t, ...c }) => (void _a, void _o, void _t, { ...c, publishedPrecision: c.publishedPrecision ?? "DAY" })),
    })),
  };
}
