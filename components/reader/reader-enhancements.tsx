"use client";

import { useEffect } from "react";
import { enhanceReaderPage } from "@/lib/reader/enhance";
import { isNewSince } from "@/lib/reader/since-visit";

/**
 * On a page Next renders for one reader (signed in, or not cacheable), the page's enhancements
 * (lib/reader/enhance.ts) run after hydration, and are undone when the page is left by a
 * client-side navigation. A cached page runs the same function without React (proxy.ts).
 * Give it a `key` that changes with the page, so that a navigation to another page runs it again.
 */
export function ReaderEnhancements() {
  useEffect(() => enhanceReaderPage(isNewSince), []);
  return null;
}
