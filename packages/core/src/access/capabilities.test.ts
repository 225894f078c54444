import { describe, expect, it } from "vitest";
import { capabilitiesOf } from "./capabilities.ts";

describe("role -> capability table", () => {
  it("grants exactly these capabilities per role", () => {
    expect(capabilitiesOf("readonly")).toEqual([
      "workspace.read",
      "operations.read",
      "inventory.read",
      "restore.read",
      "review.read",
      "baseline.read",
    ]);
    expect(capabilitiesOf("operator")).toEqual([
      "workspace.read",
      "operations.read",
      "operations.cancel",
      "operations.reconcile",
      "inventory.read",
      "inventory.sync",
      "backup.run",
      "restore.read",
      "restore.preview",
      "review.read",
      "review.compose",
      "baseline.read",
      "baseline.manage",
    ]);
    expect(capabilitiesOf("manager")).toContain("restore.execute");
    expect(capabilitiesOf("manager")).toContain("review.publish");
    expect(capabilitiesOf("owner")).toContain("review.publish");
    expect(capabilitiesOf("operator")).not.toContain("review.publish");
    expect(capabilitiesOf("manager")).not.toContain("members.manage");
    expect(capabilitiesOf("owner")).toContain("members.manage");
    expect(capabilitiesOf("owner")).toContain("deployment.approve");
    expect(capabilitiesOf("manager")).not.toContain("deployment.approve");
  });

  it("is monotonic: each role can do everything the role below it can", () => {
    const order = ["readonly", "operator", "manager", "owner"] as const;
    for (let index = 1; index < order.length; index++) {
      for (const capability of capabilitiesOf(order[index - 1]!)) expect(capabilitiesOf(order[index]!)).toContain(capability);
    }
  });
});
