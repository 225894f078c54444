import type { Actor, SecretBox } from "@atlas/core";
import type { Db } from "@atlas/db";
import type { RunEvents } from "./live/run-events.ts";

/** Everything a resolver may use. One per HTTP request or per subscription. */
export interface Context {
  db: Db;
  /** null when the request carries no valid session cookie or API token. */
  actor: Actor | null;
  /** Whose cost budget this request spends: the token's or session's hash, else the client address. */
  budgetKey: string;
  /** Returned in `extensions.requestId` of errors and written to the log with the original error. */
  requestId: string;
  /** Changes of operation runs, fed by PostgreSQL LISTEN (see live/run-events.ts). */
  pubsub: RunEvents;
  /** Signs short-lived download links (backup exports); the key is shared by every API replica. */
  box: SecretBox;
}
