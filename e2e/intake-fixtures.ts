// Names shared by e2e/intake.spec.ts and its database fixtures (e2e/setup/seed-intake.ts).

export const INTAKE_STORY = "e2e-intake-story";
export const INTAKE_STORY_TITLE = "Intake e2e story";
export const INTAKE_CLAIM = "e2e-grain-corridor-approved";
export const INTAKE_REPORT_EVENT = "e2e-capital-times-reports-corridor";
