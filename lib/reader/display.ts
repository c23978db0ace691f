import { allValues, type RawSearchParams } from "../url";

// The compact mode (headline, label and sources on one line) is a link, not a setting: `view=compact`
// in the address, kept by every link of the timeline (pages, chips, the strip, the as-of control).

export type Display = "full" | "compact";

export function displayOf(params: RawSearchParams): Display {
  return allValues(params, "view")[0] === "compact" ? "compact" : "full";
}

/** The href with the display mode added (nothing for the full view, the default). */
export function withDisplay(href: string, display: Display): string {
  if (display === "full") return href;
  const [beforeHash, hash] = href.split("#", 2);
  const [path, query] = beforeHash!.split("?", 2);
  const params = new URLSearchParams(query);
  params.set("view", "compact");
  return `${path}?${params.toString()}${hash !== undefined ? `#${hash}` : ""}`;
}
