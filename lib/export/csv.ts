import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

// RFC 4180 CSV through csv-stringify and csv-parse, written so that it opens cleanly in a
// spreadsheet (UTF-8 BOM, CRLF, every field that needs it quoted) and safely (a cell that a
// spreadsheet would run as a formula is prefixed with an apostrophe), and read back exactly.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written: formula-looking text gets a leading apostrophe. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes guardCell on import. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

// csv-stringify quotes a field holding the delimiter, a quote or the record delimiter; a lone CR
// or LF inside a field must be quoted too, or a reader splits the record there.
const WRITE = { record_delimiter: "\r\n", quoted_match: /[\r\n]/ } as const;

/** The header line, with the BOM that tells a spreadsheet the file is UTF-8. */
export function csvHeader(header: readonly string[]): string {
  return stringify([header.map(guardCell)], { ...WRITE, bom: true });
}

/** Data lines (no header, no BOM): a streamed file writes them chunk by chunk. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.length === 0 ? "" : stringify(rows.map((r) => r.map(guardCell)), WRITE);
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return csvHeader(header) + csvLines(rows);
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = "CsvSyntaxError";
    this.line = line;
  }
}

/** Parses RFC 4180 CSV (CRLF or LF) into rows of raw cells; a leading BOM is dropped. */
export function parseCsv(input: string): string[][] {
  try {
    return parse(input, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      throw new CsvSyntaxError(err.message.replace(/^[A-Z_]+: /, ""), line);
    }
    throw err;
  }
}
