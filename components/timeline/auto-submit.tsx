"use client";

import { useEffect } from "react";

const KEEP_OPEN = "sourceline:filters-open";

/**
 * Progressive enhancement for the filter form: with JavaScript, choosing a checkbox, a select
 * option or a date applies the filters at once, and empty fields are left out of the address.
 * Without it, the form's button does the same with every field. The filtered view is a new
 * document: the folded filters the reader was choosing in are open again on it.
 */
export function AutoSubmit({ formId }: { formId: string }) {
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    try {
      if (window.sessionStorage.getItem(KEEP_OPEN) === "1") form.querySelector("details.filters")?.setAttribute("open", "");
      window.sessionStorage.removeItem(KEEP_OPEN);
    } catch {
      // no session storage: the filters stay folded
    }
    const submit = () => {
      try {
        window.sessionStorage.setItem(KEEP_OPEN, "1");
      } catch {
        // as above
      }
      form.requestSubmit();
    };
    const onChange = (e: Event) => {
      const t = e.target;
      if (t instanceof HTMLInputElement && (t.type === "checkbox" || t.type === "date")) submit();
      else if (t instanceof HTMLSelectElement) submit();
    };
    // Empty fields stay out of the address, so shared links read "?source=axios", not
    // "?q=&source=axios&kind=&…". Runs in the capture phase, before the form is serialised.
    const onSubmit = () => {
      const empty = [...form.elements].filter(
        (el): el is HTMLInputElement | HTMLSelectElement =>
          (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name !== "" && el.value === "",
      );
      for (const el of empty) el.disabled = true;
      window.setTimeout(() => empty.forEach((el) => (el.disabled = false)), 0);
    };
    form.addEventListener("change", onChange);
    form.addEventListener("submit", onSubmit, { capture: true });
    form.dataset.enhanced = "true";
    return () => {
      form.removeEventListener("change", onChange);
      form.removeEventListener("submit", onSubmit, { capture: true });
    };
  }, [formId]);
  return null;
}
