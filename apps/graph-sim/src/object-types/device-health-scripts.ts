// Proactive remediations (device health scripts, beta). Detection and remediation scripts are
// base64 and, like platform scripts, returned ONLY on GET by id. Assignments carry a run schedule
// and are replaced with a `deviceHealthScriptAssignments` body.

import type { SeedObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, variantSuffix } from "./definition.ts";
import { base64, base64Problem } from "./device-management-scripts.ts";

const REMEDIATIONS = [
  {
    topic: "Clear stale temp files",
    detection:
      "$old = Get-ChildItem $env:TEMP -Recurse | Where-Object LastWriteTime -lt (Get-Date).AddDays(-30)\nif ($old) { exit 1 } else { exit 0 }",
    remediation: "Get-ChildItem $env:TEMP -Recurse | Where-Object LastWriteTime -lt (Get-Date).AddDays(-30) | Remove-Item -Force",
  },
  {
    topic: "Restart pending check",
    detection:
      'if (Test-Path "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired") { exit 1 }\nexit 0',
    // Detection-only: some remediations only report.
    remediation: "",
  },
  {
    topic: "Re-enable Defender real-time protection",
    detection: "if ((Get-MpPreference).DisableRealtimeMonitoring) { exit 1 } else { exit 0 }",
    remediation: "Set-MpPreference -DisableRealtimeMonitoring $false",
  },
] as const;

export const deviceHealthScripts: ObjectTypeDefinition = {
  key: "deviceHealthScripts",
  collectionPath: "deviceManagement/deviceHealthScripts",
  entityODataType: "#microsoft.graph.deviceHealthScript",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  detailOnlyProperties: ["detectionScriptContent", "remediationScriptContent"],
  validateCreate: (body) => base64Problem(body, ["detectionScriptContent", "remediationScriptContent"]),
  // Read-only: Microsoft's own scripts are the global ones; the newest version is the service's business.
  serverManaged: { isGlobalScript: false, highestAvailableVersion: null },
  assignBodyKey: "deviceHealthScriptAssignments",
  seed(context, count) {
    const scripts: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const script = REMEDIATIONS[index % REMEDIATIONS.length] as (typeof REMEDIATIONS)[number];
      const displayName = `${context.tenantName} - Remediation - ${script.topic}${variantSuffix(index, REMEDIATIONS.length, COMMON_VARIANTS)}`;
      const id = context.guid("deviceHealthScripts", displayName);
      scripts.push({
        "@odata.type": "#microsoft.graph.deviceHealthScript",
        id,
        publisher: `${context.tenantName} IT`,
        // A string in Graph, bumped by the service when the scripts change.
        version: String(context.random.int(1, 4)),
        displayName,
        description: context.random.chance(0.5) ? script.topic : "",
        detectionScriptContent: base64(script.detection),
        remediationScriptContent: script.remediation === "" ? "" : base64(script.remediation),
        ...context.timestamps(),
        runAsAccount: "system",
        enforceSignatureCheck: false,
        runAs32Bit: false,
        roleScopeTagIds: context.roleScopeTagIds(),
        isGlobalScript: false,
        highestAvailableVersion: null,
        deviceHealthScriptType: "deviceHealthScript",
        detectionScriptParameters: [],
        remediationScriptParameters: [],
        assignments: context.assignmentsFor(id, {
          runRemediationScript: script.remediation !== "",
          runSchedule: {
            "@odata.type": "#microsoft.graph.deviceHealthScriptDailySchedule",
            interval: 1,
            useUtc: false,
            time: context.random.pick(["08:00:00.0000000", "12:30:00.0000000", "18:00:00.0000000"]),
          },
        }),
      });
    }
    return scripts;
  },
};
