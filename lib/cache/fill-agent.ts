/**
 * The user agent of the page cache's own render requests (proxy.ts). next.config.ts lists it
 * among the agents Next renders metadata for before the page (htmlLimitedBots), so that a stored
 * page always has its title, description and canonical link in its head: a stored page carries no
 * script that could move them there later, and crawlers are served the same bytes.
 */
export const PAGE_FILL_USER_AGENT = "Sourceline-page-fill";
