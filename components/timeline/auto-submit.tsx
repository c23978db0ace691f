"use client";

import { useEffect, useRef } from "react";

/**
 * Progressive enhancement for the filter form: with JavaScript, choosing a checkbox, a select
 * option or a date applies the filters at once. Without it, the form's button does the same.
 */
export function AutoSubmit() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    const onChange = (e: Event) => {
      const t = e.target;
      if (t instanceof HTMLInputElement && (t.type === "checkbox" || t.type === "date")) form.requestSubmit();
      else if (t instanceof HTMLSelectElement) form.requestSubmit();
    };
    form.addEventListener("change", onChange);
    form.dataset.enhanced = "true";
    return () => form.removeEventListener("change", onChange);
  }, []);
  return <span ref={marker} hidden />;
}
