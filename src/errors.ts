/** An error in input data or a file: reported as one line naming where it is, exit code 2. */
export class DataError extends Error {
  constructor(
    message: string,
    readonly where: { file?: string; line?: number; field?: string } = {},
  ) {
    super(message);
    this.name = "DataError";
  }

  /** One line for a person: "file:line: field: message". */
  override toString(): string {
    const loc = [
      this.where.file,
      this.where.line !== undefined ? `line ${this.where.line}` : undefined,
      this.where.field ? `field ${this.where.field}` : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    return loc ? `${loc}: ${this.message}` : this.message;
  }
}

/** A mistake in how a command was called: exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
