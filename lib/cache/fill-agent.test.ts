import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config";
import { PAGE_FILL_USER_AGENT } from "./fill-agent";

// A stored page carries no script that could move late metadata into its head, so the page
// cache's renders get their metadata before the page, as Next's listed crawlers do.
describe("htmlLimitedBots", () => {
  const limited = nextConfig.htmlLimitedBots as RegExp;
  it("lists the page cache's render requests", () => {
    expect(limited.test(PAGE_FILL_USER_AGENT)).toBe(true);
  });
  it("keeps Next's own list, and streams metadata to browsers as before", () => {
    expect(limited.test("Mozilla/5.0 (compatible; Slackbot-LinkExpanding 1.0)")).toBe(true);
    expect(limited.test("Mozilla/5.0 (compatible; Bingbot/2.0)")).toBe(true);
    expect(limited.test("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36")).toBe(false);
  });
});
