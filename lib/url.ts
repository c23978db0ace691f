/** A path plus query string, leaving out the "?" when there are no parameters. */
export function createUrl(pathname: string, params: URLSearchParams, hash?: string): string {
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ""}${hash ? `#${hash}` : ""}`;
}

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** All values of a query parameter, whether it came once, many times or not at all. */
export function allValues(params: RawSearchParams, name: string): string[] {
  const v = params[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
