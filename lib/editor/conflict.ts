import { DomainError } from "../errors";
import type { Snapshot } from "./diff";

/**
 * A save was made against an older version of a record: someone else saved in between. Carries
 * the record as it now stands so the editor can see both versions and what changed.
 */
export class ConflictError extends DomainError {
  readonly currentVersion: number;
  readonly current: Snapshot;
  constructor(entity: string, currentVersion: number, current: Snapshot) {
    super(
      `This ${entity} was changed by someone else while you were editing (it is now at version ${currentVersion}). Your changes were not saved: compare them with the current version below, then save again to overwrite it.`,
      "version",
    );
    this.name = "ConflictError";
    this.currentVersion = currentVersion;
    this.current = current;
  }
}
