import { describe, expect, it } from "vitest";
import { apiFleetFilter, fleetFilterParams, readFleetFilter } from "./fleetPaths";

describe("the fleet filter in the address", () => {
  it("survives a round trip through the query string", () => {
    const filter = { environmentIds: ["RW52OjE=", "RW52OjI="], baselineIds: ["QmFzZTox"], onlyDrifted: true };
    const params = new URLSearchParams(fleetFilterParams(filter).toString());
    expect(readFleetFilter(params)).toEqual(filter);
  });

  it("reads an empty address as everything, and asks the API for everything", () => {
    const filter = readFleetFilter(new URLSearchParams(""));
    expect(filter).toEqual({ environmentIds: [], baselineIds: [], onlyDrifted: false });
    expect(apiFleetFilter(filter)).toEqual({ environmentIds: null, baselineIds: null, onlyDrifted: null });
  });
});
