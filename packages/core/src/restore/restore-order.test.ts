import { allContracts } from "@atlas/graph-client";
import { describe, expect, it } from "vitest";
import { contractOrder, isPreviewOnlyType } from "./restore-order.ts";

describe("restore order", () => {
  it("puts every foundation of the contract registry before every other type", () => {
    const ordered = [...allContracts].sort((a, b) => contractOrder(a.key) - contractOrder(b.key));
    const firstPolicy = ordered.findIndex((contract) => !contract.isFoundation);
    expect(ordered.slice(0, firstPolicy).every((contract) => contract.isFoundation)).toBe(true);
    expect(ordered.slice(firstPolicy).some((contract) => contract.isFoundation)).toBe(false);
    expect(ordered.slice(0, firstPolicy).map((contract) => contract.key)).toEqual([
      "roleScopeTags",
      "assignmentFilters",
      "notificationMessageTemplates",
      "deviceComplianceScripts",
      "reusablePolicySettings",
      "roleDefinitions",
      "namedLocations",
      "mobileApps",
    ]);
  });

  it("places a type the registry does not know after all known ones", () => {
    expect(contractOrder("notAType")).toBe(allContracts.length);
  });

  it("knows the preview-only types from the registry", () => {
    expect(isPreviewOnlyType("intents")).toBe(true);
    // An Apple enrollment token is uploaded from Apple's file, never recreated from a backup.
    expect(isPreviewOnlyType("depOnboardingSettings")).toBe(true);
    expect(isPreviewOnlyType("roleAssignments")).toBe(false);
    // Restorable since mobile apps are backed up: the configured app is mapped to the target's.
    expect(isPreviewOnlyType("mobileAppConfigurations")).toBe(false);
    expect(isPreviewOnlyType("mobileApps")).toBe(false);
    expect(isPreviewOnlyType("deviceConfigurations")).toBe(false);
    expect(isPreviewOnlyType("notAType")).toBe(false);
  });
});
