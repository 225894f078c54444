import { GraphQLError, Kind } from "graphql";
import { builder } from "../builder.ts";

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError("DateTime must be an ISO-8601 string with a time, e.g. 2025-01-31T12:00:00Z.", {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return date;
}

builder.scalarType("DateTime", {
  description: "An ISO-8601 instant, always serialized in UTC (e.g. 2025-01-31T12:00:00.000Z).",
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new Error("DateTime cannot represent an invalid date");
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export interface SummaryCountShape {
  key: string;
  value: number;
}

export const SummaryCount = builder.objectRef<SummaryCountShape>("SummaryCount").implement({
  description: 'One named count, e.g. { key: "succeeded", value: 12 }.',
  fields: (t) => ({
    key: t.exposeString("key"),
    value: t.exposeInt("value"),
  }),
});

/** A flat JSON map of numbers as a stable list (sorted by key); anything not a number is skipped. */
export function summaryCountsOf(map: unknown): SummaryCountShape[] {
  if (!map || typeof map !== "object" || Array.isArray(map)) return [];
  return Object.entries(map as Record<string, unknown>)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1]))
    .map(([key, value]) => ({ key, value: Math.round(value) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export interface MessageParamShape {
  name: string;
  value: string;
}

export const MessageParam = builder.objectRef<MessageParamShape>("MessageParam").implement({
  description: 'One value of a server-built message, e.g. { name: "type", value: "deviceCompliancePolicies" }; numbers as decimal strings.',
  fields: (t) => ({
    name: t.exposeString("name"),
    value: t.exposeString("value"),
  }),
});

/** A flat JSON map of message values as a stable list (sorted by name); nested values are skipped. */
export function messageParamsOf(map: unknown): MessageParamShape[] {
  if (!map || typeof map !== "object" || Array.isArray(map)) return [];
  return Object.entries(map)
    .filter((entry): entry is [string, string | number] => typeof entry[1] === "string" || typeof entry[1] === "number")
    .map(([name, value]) => ({ name, value: String(value) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
