import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { CredentialCache, SecretBox } from "@atlas/core";
import type { Db } from "@atlas/db";
import { GraphQLError } from "graphql";
import type { Context } from "../context.ts";
import { INTERNAL_MESSAGE } from "../graphql-errors.ts";
import type { RunEvents } from "../live/run-events.ts";
import type { Logger } from "../logger.ts";
import type { CostBudgets } from "../cost-budget.ts";
import { authenticateRequest } from "./auth.ts";

export interface ContextDeps {
  db: Db;
  pubsub: RunEvents;
  logger: Logger;
  box: SecretBox;
  credentials: CredentialCache;
  budgets: CostBudgets;
}

/** The GraphQL context of one request (or one subscription); its actor comes from the credentials. */
export async function createContext(deps: ContextDeps, req: IncomingMessage, requestId: string = randomUUID()): Promise<Context> {
  try {
    const authenticated = await authenticateRequest(deps.credentials, req);
    // Anonymous callers share a budget per address.
    const budgetKey = authenticated?.key ?? `address:${req.socket.remoteAddress ?? "unknown"}`;
    return { db: deps.db, actor: authenticated?.actor ?? null, budgetKey, requestId, pubsub: deps.pubsub, box: deps.box };
  } catch (error) {
    deps.logger.error("resolving the request's credentials failed", { requestId, error });
    throw new GraphQLError(INTERNAL_MESSAGE, { extensions: { code: "INTERNAL_SERVER_ERROR", requestId, http: { status: 500 } } });
  }
}
