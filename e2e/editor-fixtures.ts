// Names shared by e2e/editor.spec.ts and its database fixtures (e2e/setup/seed-editor.ts).

export const E2E_ADMIN = { email: "e2e-admin@example.test", password: "e2e admin password 1" };

/** An editor whose account e2e/hardening.spec.ts attacks (so the other specs' admin is untouched). */
export const E2E_LOCKOUT_EDITOR = { email: "e2e-lockout-editor@example.test", password: "e2e lockout password 1" };

export const xss = (field: string) => `<script>alert("${field}")</script><img src=x onerror=alert("${field}")>`;

export const XSS_EVENT = "e2e-xss-event";
export const XSS_RETRACTED_EVENT = "e2e-xss-retracted-event";
export const XSS_SOURCE = "e2e-xss-source";
export const XSS_CLAIM = "e2e-xss-claim";
export const DRAFT_EVENT = "e2e-draft-event";
export const EDITOR_STORY = "e2e-editor-story";
export const EDITOR_STORY_TITLE = "Editor e2e story";
export const DRAFT_HEADLINE = "Secret draft headline never to be shown";
export const BRIEFING_EVENT = "e2e-ministry-briefing";
export const BRIEFING_HEADLINE = "E2E ministry briefing confirms the authorisation";

/** A named speaker whose words an outlet carries (e2e/editor-voices.spec.ts). */
export const E2E_SPEAKER = { slug: "e2e-minister", name: "Minister Ana Example", title: "E2E Minister", affiliation: "E2E Ministry" };
