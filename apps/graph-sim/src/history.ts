// Request history: what tests assert on instead of mocks. Entries carry ids, paths and statuses
// only; the token endpoint's form body (client secret) and Authorization headers are never recorded,
// and secret-looking query parameters are redacted from paths.

import type { HistoryEntry } from "./types.ts";

/** Bounds memory in long dev sessions; tests clear history long before this. */
const MAX_ENTRIES = 100_000;
const SECRET_QUERY_PARAMETERS = /([?&](?:client_secret|access_token|client_assertion|code|password)=)[^&]*/gi;

export class RequestHistory {
  private entries: HistoryEntry[] = [];

  record(entry: HistoryEntry): void {
    this.entries.push({ ...entry, path: redactPath(entry.path) });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(filter: { tenantId?: string } = {}): HistoryEntry[] {
    const selected = filter.tenantId === undefined ? this.entries : this.entries.filter((entry) => entry.tenantId === filter.tenantId);
    return selected.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}

/** Epoch milliseconds with sub-millisecond resolution, for HistoryEntry.at (taken when a request arrives). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export function redactPath(path: string): string {
  return path.replace(SECRET_QUERY_PARAMETERS, "$1REDACTED");
}
