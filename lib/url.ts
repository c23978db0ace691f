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

/** The longest web address a record keeps. */
export const MAX_URL_LENGTH = 2048;

/**
 * A web address readers can follow: an absolute http(s) URL with a host, no spaces or control
 * characters. Every path that stores an address (editor, import, API) checks it here, so that
 * none accepts a `javascript:` or `data:` URL that another refuses.
 */
export function isWebUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH || /[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export const WEB_URL_MESSAGE = "Enter a full http:// or https:// address.";
