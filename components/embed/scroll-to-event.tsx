"use client";

import { useEffect } from "react";

/**
 * `?event=<slug>` in an embed: the server already marks the item (and puts it on the page); this
 * only scrolls it into view, which a query string cannot do without script. `#<slug>` needs no
 * script at all (CSS :target).
 */
export function ScrollToEvent({ slug }: { slug: string }) {
  useEffect(() => {
    if (window.location.hash) return;
    document.getElementById(slug)?.scrollIntoView({ block: "center" });
  }, [slug]);
  return null;
}
