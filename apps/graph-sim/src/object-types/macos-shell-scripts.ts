// macOS shell scripts and custom attribute scripts (beta). Like PowerShell platform scripts, the
// script is base64 `scriptContent` that Graph returns ONLY on GET by id (the list says null), and
// assignments are replaced with a `deviceManagementScriptAssignments` body.

import type { DeviceCustomAttributeShellScript, DeviceShellScript } from "@microsoft/microsoft-graph-types-beta";
import type { SeedObject } from "../types.ts";
import { assignedIfFirst, COMMON_VARIANTS, type ObjectTypeDefinition, type SeedEntity, variantSuffix } from "./definition.ts";
import { base64, base64Problem } from "./device-management-scripts.ts";

const SHELL_SCRIPTS = [
  {
    topic: "Set computer name",
    fileName: "set-computer-name.sh",
    body: 'scutil --set ComputerName "MAC-$(ioreg -l | grep IOPlatformSerialNumber | cut -d\\" -f4)"',
  },
  { topic: "Install Rosetta", fileName: "install-rosetta.sh", body: "/usr/sbin/softwareupdate --install-rosetta --agree-to-license" },
  { topic: "Dock defaults", fileName: "dock-defaults.sh", body: "defaults write com.apple.dock autohide -bool true && killall Dock" },
] as const;

const ATTRIBUTES = [
  { topic: "FileVault status", name: "FileVaultStatus", type: "string", body: "fdesetup status | head -1" },
  {
    topic: "Uptime days",
    name: "UptimeDays",
    type: "integer",
    body: "echo $(( ( $(date +%s) - $(sysctl -n kern.boottime | awk '{print $4}' | tr -d ,) ) / 86400 ))",
  },
  { topic: "Last OS update", name: "LastOsUpdate", type: "dateTime", body: "softwareupdate --history | awk 'NR==3 {print $NF}'" },
] as const;

const shellScriptBase = {
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  nameFilter: true,
  detailOnlyProperties: ["scriptContent"],
  validateCreate: (body: Record<string, unknown>) => base64Problem(body, ["scriptContent"]),
  assignBodyKey: "deviceManagementScriptAssignments",
} as const;

export const deviceShellScripts: ObjectTypeDefinition = {
  ...shellScriptBase,
  key: "deviceShellScripts",
  collectionPath: "deviceManagement/deviceShellScripts",
  entityODataType: "#microsoft.graph.deviceShellScript",
  seed(context, count) {
    const scripts: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const script = SHELL_SCRIPTS[index % SHELL_SCRIPTS.length] as (typeof SHELL_SCRIPTS)[number];
      const displayName = `${context.tenantName} - macOS - ${script.topic}${variantSuffix(index, SHELL_SCRIPTS.length, COMMON_VARIANTS)}`;
      const id = context.guid("deviceShellScripts", displayName);
      const entity: SeedEntity<DeviceShellScript> = {
        id,
        displayName,
        description: context.random.chance(0.5) ? `${script.topic} on ${context.tenantName} Macs` : "",
        scriptContent: base64(`#!/bin/zsh\n# ${displayName}\nset -e\n${script.body}\n`),
        ...context.timestamps(),
        runAsAccount: context.random.pick(["system", "system", "user"] as const),
        fileName: script.fileName,
        roleScopeTagIds: context.roleScopeTagIds(),
        // Once (no frequency) or periodically, as ISO 8601 durations.
        executionFrequency: context.random.pick(["PT0S", "PT1H", "P1D", "P1W"]),
        retryCount: context.random.int(0, 3),
        blockExecutionNotifications: context.random.chance(0.5),
      };
      const assignments = assignedIfFirst(context, index, id, context.assignmentsFor(id));
      scripts.push({ "@odata.type": "#microsoft.graph.deviceShellScript", ...entity, assignments });
    }
    return scripts;
  },
};

export const deviceCustomAttributeShellScripts: ObjectTypeDefinition = {
  ...shellScriptBase,
  key: "deviceCustomAttributeShellScripts",
  collectionPath: "deviceManagement/deviceCustomAttributeShellScripts",
  entityODataType: "#microsoft.graph.deviceCustomAttributeShellScript",
  validateCreate(body) {
    if (!["integer", "string", "dateTime"].includes(String(body.customAttributeType))) {
      return "Property 'customAttributeType' must be one of integer, string, dateTime.";
    }
    return base64Problem(body, ["scriptContent"]);
  },
  seed(context, count) {
    const scripts: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const attribute = ATTRIBUTES[index % ATTRIBUTES.length] as (typeof ATTRIBUTES)[number];
      const displayName = `${context.tenantName} - macOS attribute - ${attribute.topic}${variantSuffix(index, ATTRIBUTES.length, COMMON_VARIANTS)}`;
      const id = context.guid("deviceCustomAttributeShellScripts", displayName);
      const entity: SeedEntity<DeviceCustomAttributeShellScript> = {
        id,
        displayName,
        description: context.random.chance(0.5) ? `Reports ${attribute.topic.toLowerCase()}` : "",
        customAttributeName: attribute.name,
        customAttributeType: attribute.type,
        scriptContent: base64(`#!/bin/sh\n${attribute.body}\n`),
        ...context.timestamps(),
        runAsAccount: "system",
        fileName: `${attribute.name}.sh`,
        roleScopeTagIds: context.roleScopeTagIds(),
      };
      const assignments = assignedIfFirst(context, index, id, context.assignmentsFor(id));
      scripts.push({ "@odata.type": "#microsoft.graph.deviceCustomAttributeShellScript", ...entity, assignments });
    }
    return scripts;
  },
};
