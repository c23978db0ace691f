/** A rule of the model was broken; the message says what was wrong and is safe to show. */
export class DomainError extends Error {
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = "DomainError";
    this.field = field;
  }
}
