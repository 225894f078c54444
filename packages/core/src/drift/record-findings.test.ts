import { describe, expect, it } from "vitest";
import { driftCheckContext } from "./drift-context.ts";
import { completelyCapturedTypes } from "./record-findings.ts";

const check = (overrides: Record<string, unknown>) =>
  driftCheckContext.parse({
    types: ["deviceConfigurations", "deviceHealthScripts"],
    completedTypes: ["deviceConfigurations", "deviceHealthScripts"],
    providerTotals: { deviceConfigurations: 3, deviceHealthScripts: 2 },
    reportedCounts: { deviceConfigurations: 3, deviceHealthScripts: 2 },
    capturedCounts: { deviceConfigurations: 3, deviceHealthScripts: 2 },
    ...overrides,
  });

describe("completelyCapturedTypes: only a complete capture of a type is compared and resolves findings", () => {
  it("takes a type read to the end with every object captured", () => {
    expect([...completelyCapturedTypes(check({}))]).toEqual(["deviceConfigurations", "deviceHealthScripts"]);
  });

  it("leaves out a type short of the provider's own total (a dropped page)", () => {
    const short = check({
      providerTotals: { deviceConfigurations: 3, deviceHealthScripts: 0 },
      capturedCounts: { deviceConfigurations: 3 },
    });
    expect([...completelyCapturedTypes(short)]).toEqual(["deviceConfigurations"]);
  });

  it("leaves out a type not read to the end, or with an object captured with a gap", () => {
    expect([...completelyCapturedTypes(check({ completedTypes: ["deviceHealthScripts"] }))]).toEqual(["deviceHealthScripts"]);
    const gapped = check({
      gaps: [{ code: "SETTINGS_COUNT_NOT_MET", message: "short", params: { type: "deviceHealthScripts", name: "x" } }],
    });
    expect([...completelyCapturedTypes(gapped)]).toEqual(["deviceConfigurations"]);
  });
});
