// A fault matrix row and its table: no test runner needed, so `pnpm bench:faults` prints it too.

export interface MatrixRow {
  fault: string;
  run: "backup" | "preview" | "restore";
  /** The operation run's outcome, or what stopped the restore before it ran (e.g. `refused at confirm`). */
  outcome: string;
  gaps: string[];
  /** null where the run writes nothing a comparison could judge (a backup, a preview). */
  objectsEqual: boolean | null;
}

export function formatMatrix(rows: MatrixRow[]): string {
  const cells = rows.map((row) => [
    row.fault,
    row.run,
    row.outcome.toUpperCase(),
    row.gaps.join(", ") || "-",
    row.objectsEqual === null ? "n/a" : row.objectsEqual ? "y" : "n",
  ]);
  const header = ["fault", "run", "outcome", "gap / reason codes", "objects equal"];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (values: string[]) => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n");
}
