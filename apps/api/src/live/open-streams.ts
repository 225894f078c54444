import type { ServerResponse } from "node:http";

/** Event streams (subscriptions) one token or session may hold open at once. */
export const MAX_STREAMS_PER_CREDENTIAL = 10;

interface OpenStream {
  key: string;
  res: ServerResponse;
  /** Whether the credential still authenticates as the same actor with the same grants. */
  stillValid(): Promise<boolean>;
}

export interface OpenStreams {
  /** Registers a stream; false when its credential already holds the maximum. */
  add(key: string, res: ServerResponse, stillValid: () => Promise<boolean>): boolean;
  /** Ends every stream whose credential was revoked, logged out or changed. */
  recheck(): Promise<void>;
}

/** The open event streams of this process, per credential, so a revoke or logout can end them. */
export function createOpenStreams(onError: (error: unknown) => void): OpenStreams {
  const streams = new Set<OpenStream>();
  return {
    add(key, res, stillValid) {
      let held = 0;
      for (const stream of streams) if (stream.key === key) held += 1;
      if (held >= MAX_STREAMS_PER_CREDENTIAL) return false;
      const stream = { key, res, stillValid };
      streams.add(stream);
      res.once("close", () => streams.delete(stream));
      return true;
    },
    async recheck() {
      await Promise.all(
        [...streams].map(async (stream) => {
          try {
            // A `complete` event first, so the client ends the subscription instead of reconnecting.
            if (!(await stream.stillValid())) stream.res.end("event: complete\ndata:\n\n");
          } catch (error) {
            onError(error);
          }
        }),
      );
    },
  };
}
