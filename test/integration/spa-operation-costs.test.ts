import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import {
  type DocumentNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  print,
  specifiedRules,
  typeFromAST,
  validate,
} from "graphql";
import { describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE } from "../../apps/api/src/builder.ts";
import { DEFAULT_BUDGET } from "../../apps/api/src/cost-budget.ts";
import { MAX_COMPLEXITY, depthLimitRule, operationCost } from "../../apps/api/src/limits.ts";
import { OPERATION_LIMITS, operationShapeRule } from "../../apps/api/src/operation-limits.ts";
import { schema } from "../../apps/api/src/schema.ts";

// Every GraphQL document the SPA sends (modules under apps/web/src that define them with gql).
const WEB_SRC = path.resolve(import.meta.dirname, "../../apps/web/src");

function documentModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return documentModules(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") && /\bgql[<`]/.test(readFileSync(file, "utf8")) ? [file] : [];
  });
}

/** A value for a variable of this type; every Int is taken as the largest page size (the worst case). */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sampleValue(field.type)]),
    );
  }
  return { Int: MAX_PAGE_SIZE, Float: 1, Boolean: false }[named.name] ?? "sample";
}

async function spaOperations(): Promise<Array<{ name: string; document: DocumentNode; operation: OperationDefinitionNode }>> {
  const found = new Map<string, { name: string; document: DocumentNode; operation: OperationDefinitionNode }>();
  for (const file of documentModules(WEB_SRC)) {
    for (const value of Object.values(await import(file))) {
      const document = value as DocumentNode;
      if (document?.kind !== "Document") continue;
      for (const definition of document.definitions) {
        if (definition.kind === "OperationDefinition")
          found.set(definition.name?.value ?? print(definition), { name: definition.name?.value ?? "?", document, operation: definition });
      }
    }
  }
  return [...found.values()];
}

describe("the SPA's own operations", () => {
  it("each stays well inside every limit, with the largest page sizes", async () => {
    const operations = await spaOperations();
    expect(operations.length).toBeGreaterThanOrEqual(15);
    const report: string[] = [];
    for (const { name, document, operation } of operations) {
      expect(validate(schema, document, [...specifiedRules, depthLimitRule(), operationShapeRule()]), name).toEqual([]);
      expect(() => parse(print(document), { maxTokens: Math.floor(OPERATION_LIMITS.tokens / 4) }), name).not.toThrow();
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((definition) => [
          definition.variable.name.value,
          sampleValue(typeFromAST(schema, definition.type as never) as GraphQLInputType),
        ]),
      );
      const estimate = operationCost(schema, document, variables, operation.name?.value);
      expect(estimate && "cost" in estimate, `${name}: ${JSON.stringify(estimate)}`).toBe(true);
      const cost = (estimate as { cost: number }).cost;
      report.push(`${name} ${cost}`);
      // The largest (a restore's 100 items per page with their diffs) is about 60 % of the limit.
      expect(cost, name).toBeLessThanOrEqual(MAX_COMPLEXITY * 0.8);
      expect(cost, name).toBeLessThanOrEqual(DEFAULT_BUDGET.capacity / 10);
    }
    console.log(`SPA operation costs (every page size ${MAX_PAGE_SIZE}): ${report.join(", ")}`);
  });
});
