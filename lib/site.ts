import { readEnv } from "./env";

/** The public origin used in canonical links and metadata. */
export function siteUrl(): string {
  const fromEnv = readEnv().SITE_URL;
  if (fromEnv) return fromEnv.replace(/\/$/, "");
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}
