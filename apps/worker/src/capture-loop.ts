import type { CapturedObjectInput } from "@atlas/core";
import { type ContractKey, type GraphClient, contentHash, contractFor, isGraphRequestError, normalizePayload } from "@atlas/graph-client";
import { confirmedDeleted } from "./confirm-deleted.ts";

const CAPTURE_CONCURRENCY = 4;

/** Where a capture puts what it read: a backup set's items, or a drift check's live objects. */
export interface CaptureSink {
  /** Provider ids of the type already held (a resumed job skips them). */
  capturedIds(type: ContractKey): Promise<Set<string>>;
  record(object: CapturedObjectInput): Promise<void>;
  /** Ids the tenant held before (the last good backup); used only where the provider gives no total. */
  previousIds(type: ContractKey): Promise<string[]>;
  /** After each page: how many objects of the type are listed so far. */
  pageDone(type: ContractKey, listedSoFar: number): Promise<void>;
}

export interface TypeCapture {
  /** What the listing returned, less objects deleted before they could be read. */
  providerTotal: number;
  /** The provider's own total (`@odata.count`), where it gave one. */
  reported?: number;
  /** Ids GET by id answered 404: deleted during the capture, or previous objects confirmed gone. */
  confirmedGone: string[];
  /** Without a provider total: previous objects missing from the listing and not confirmed gone. */
  unconfirmed: string[];
}

/**
 * Captures every object of one type completely (sub-resources, assignments) through the contract
 * registry, page by page, a few objects at a time; the client waits out throttling. Shared by the
 * backup and the drift check so both prove completeness against the same provider totals.
 */
export async function captureType(client: GraphClient, type: ContractKey, sink: CaptureSink): Promise<TypeCapture> {
  const contract = contractFor(type);
  const done = await sink.capturedIds(type);
  let listed = 0;
  let reported: number | undefined;
  const listedIds = new Set<string>();
  const gone: string[] = [];
  for await (const page of client.pages(type)) {
    reported ??= page.reportedCount;
    const todo = page.items.filter((item) => !done.has(String(item.id)));
    listed += page.items.length;
    for (const item of page.items) listedIds.add(String(item.id));
    for (let start = 0; start < todo.length; start += CAPTURE_CONCURRENCY) {
      const batch = todo.slice(start, start + CAPTURE_CONCURRENCY).map((item) => String(item.id));
      const results = await Promise.all(batch.map((id) => captureOne(client, type, id, contract, sink)));
      // An object deleted between listing and capture is no longer part of the tenant.
      gone.push(...batch.filter((_, index) => results[index] === "vanished"));
    }
    await sink.pageDone(type, listed - gone.length);
  }
  const unconfirmed: string[] = [];
  if (reported === undefined) {
    // Without a provider total, an object known before and missing from the listing is only gone
    // when the provider says so by id; anything else stays a gap for the adapter to name.
    const unlisted = (await sink.previousIds(type)).filter((id) => !listedIds.has(id));
    const deleted = await confirmedDeleted(client, type, unlisted);
    gone.push(...deleted);
    unconfirmed.push(...unlisted.filter((id) => !deleted.includes(id)));
  }
  return { providerTotal: listed - gone.filter((id) => listedIds.has(id)).length, reported, confirmedGone: gone, unconfirmed };
}

async function captureOne(
  client: GraphClient,
  type: ContractKey,
  providerId: string,
  contract: ReturnType<typeof contractFor>,
  sink: CaptureSink,
): Promise<"captured" | "vanished"> {
  try {
    const captured = await client.captureObject(type, providerId);
    const payload = { ...captured.raw, assignments: captured.assignments };
    const normalized = normalizePayload(type, payload);
    await sink.record({
      objectType: type,
      providerId,
      displayName: String(captured.raw[contract.displayNameField] ?? captured.raw.displayName ?? providerId),
      isFoundation: contract.isFoundation,
      raw: payload,
      normalized,
      contentHash: contentHash(normalized),
      gaps: captured.completeness.gaps,
      reportedSettingsCount: captured.completeness.expectedSettings,
    });
    return "captured";
  } catch (error) {
    if (isGraphRequestError(error) && error.status === 404) return "vanished";
    throw error;
  }
}
