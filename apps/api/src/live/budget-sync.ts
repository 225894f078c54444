import { randomUUID } from "node:crypto";
import type { Db } from "@atlas/db";
import type { CostBudgets } from "../cost-budget.ts";
import type { Logger } from "../logger.ts";
import { createListenConnection } from "./listen-connection.ts";

/** NOTIFY channel on which API processes tell each other what their callers spent. */
export const BUDGET_SPENT_CHANNEL = "budget_spent";

/** PostgreSQL refuses NOTIFY payloads from 8,000 bytes; a tally larger than this goes in parts. */
const MAX_PAYLOAD = 7_000;

export interface BudgetSync {
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Shares the cost budgets of all API processes on one database: every `intervalMs` (while callers
 * spend) a process NOTIFYs what they spent, by bucket id, and every other process takes it from
 * its own buckets. A caller thus has one budget however many processes serve it, within about a
 * second, and no request writes to the database for it. A tally lost to a database outage only
 * makes the budget more generous for that moment.
 */
export function createBudgetSync(options: {
  budgets: CostBudgets;
  db: Db;
  databaseUrl: string;
  intervalMs?: number;
  logger?: Logger;
}): BudgetSync {
  const origin = randomUUID();
  const connection = createListenConnection({
    name: "budget-sync",
    databaseUrl: options.databaseUrl,
    logger: options.logger,
    channels: {
      [BUDGET_SPENT_CHANNEL]: (payload) => {
        const message = parse(payload);
        if (message && message.origin !== origin) options.budgets.spentElsewhere(message.spent);
      },
    },
  });

  async function tell(): Promise<void> {
    for (const part of parts(options.budgets.takeSpent())) {
      const payload = JSON.stringify({ origin, spent: part });
      await options.db.$executeRaw`select pg_notify(${BUDGET_SPENT_CHANNEL}, ${payload})`;
    }
  }
  const timer = setInterval(() => {
    tell().catch((error) => options.logger?.warn("budget-sync: could not tell the other API processes what was spent", { error }));
  }, options.intervalMs ?? 500);
  timer.unref();

  return {
    ready: () => connection.ready(),
    async close() {
      clearInterval(timer);
      await connection.close();
    },
  };
}

function parse(payload: string): { origin: string; spent: Record<string, number> } | undefined {
  try {
    const message = JSON.parse(payload) as { origin?: unknown; spent?: unknown };
    if (typeof message.origin !== "string" || !message.spent || typeof message.spent !== "object") return undefined;
    return { origin: message.origin, spent: message.spent as Record<string, number> };
  } catch {
    return undefined;
  }
}

/** The tally in parts whose NOTIFY payloads stay under PostgreSQL's limit. */
function parts(spent: Record<string, number>): Record<string, number>[] {
  const result: Record<string, number>[] = [];
  let part: Record<string, number> = {};
  let size = 0;
  for (const [id, points] of Object.entries(spent)) {
    const entry = id.length + 16;
    if (size + entry > MAX_PAYLOAD) {
      result.push(part);
      part = {};
      size = 0;
    }
    part[id] = points;
    size += entry;
  }
  if (size > 0) result.push(part);
  return result;
}
