import type { RawSearchParams } from "../url";

/** A request URL's query string as the pages get it: every parameter with all of its values. */
export function searchParamsOf(url: URL): RawSearchParams {
  const out: RawSearchParams = {};
  for (const key of new Set(url.searchParams.keys())) out[key] = url.searchParams.getAll(key);
  return out;
}
