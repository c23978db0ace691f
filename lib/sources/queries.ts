import "server-only";
import { cache } from "react";
import { getDb } from "../db";

export const getSourceBySlug = cache(async (slug: string) => {
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return null;
  return getDb().source.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      country: true,
      homepage: true,
      description: true,
      _count: { select: { citations: true } },
    },
  });
});

export type SourceDetail = NonNullable<Awaited<ReturnType<typeof getSourceBySlug>>>;
