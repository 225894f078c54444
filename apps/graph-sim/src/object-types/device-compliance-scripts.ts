// Custom compliance scripts (beta): a PowerShell detection script whose JSON output a Windows
// compliance policy checks against its rules. The policy references the script by id in
// `deviceCompliancePolicyScript.deviceComplianceScriptId`, so the script is a foundation: it must
// exist (in the same tenant) before a policy can point at it. Like other scripts, the content is
// base64 and returned only on GET by id. The portal never assigns these scripts themselves.

import type { DeviceComplianceScript } from "@microsoft/microsoft-graph-types-beta";
import type { SeedObject } from "../types.ts";
import type { ObjectTypeDefinition, SeedContext, SeedEntity } from "./definition.ts";
import { scheduledActionRule } from "./device-compliance-policies.ts";
import { base64, base64Problem } from "./device-management-scripts.ts";

const CHECKS = [
  {
    topic: "BIOS version and TPM",
    script:
      "$bios = Get-CimInstance Win32_BIOS\n$tpm = Get-Tpm\n@{ BiosVersion = $bios.SMBIOSBIOSVersion; TpmReady = $tpm.TpmReady } | ConvertTo-Json -Compress",
    rules: [{ SettingName: "TpmReady", Operator: "IsEquals", DataType: "Boolean", Operand: true }],
  },
  {
    topic: "Approved antivirus running",
    script:
      "$av = Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct\n@{ AvName = $av[0].displayName } | ConvertTo-Json -Compress",
    rules: [{ SettingName: "AvName", Operator: "IsEquals", DataType: "String", Operand: "Microsoft Defender Antivirus" }],
  },
] as const;

export const deviceComplianceScripts: ObjectTypeDefinition = {
  key: "deviceComplianceScripts",
  collectionPath: "deviceManagement/deviceComplianceScripts",
  entityODataType: "#microsoft.graph.deviceComplianceScript",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: true,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  detailOnlyProperties: ["detectionScriptContent"],
  validateCreate: (body) => base64Problem(body, ["detectionScriptContent"]),
  seed(context, count) {
    const scripts: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const check = CHECKS[index % CHECKS.length] as (typeof CHECKS)[number];
      const displayName = `${context.tenantName} - Compliance check - ${check.topic}${index >= CHECKS.length ? ` ${index + 1}` : ""}`;
      const entity: SeedEntity<DeviceComplianceScript> = {
        id: context.guid("deviceComplianceScripts", displayName),
        displayName,
        description: `Custom compliance: ${check.topic.toLowerCase()}`,
        publisher: `${context.tenantName} IT`,
        // A string in Graph, bumped by the service when the script changes.
        version: "1",
        detectionScriptContent: base64(check.script),
        ...context.timestamps(),
        runAsAccount: "system",
        enforceSignatureCheck: false,
        runAs32Bit: false,
        roleScopeTagIds: context.roleScopeTagIds(),
      };
      scripts.push({ "@odata.type": "#microsoft.graph.deviceComplianceScript", ...entity });
    }
    return scripts;
  },
};

/** Windows compliance policies that check the tenant's custom compliance scripts, one per script (demo extras). */
export function customCompliancePolicies(context: SeedContext): SeedObject[] {
  return (context.seeded.deviceComplianceScripts ?? []).map((script, index) => {
    const check = CHECKS[index % CHECKS.length] as (typeof CHECKS)[number];
    const displayName = `${context.tenantName} - Win - Custom compliance - ${String(script.displayName).split(" - ").at(-1)}`;
    const id = context.guid("deviceCompliancePolicies", displayName);
    return {
      "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
      id,
      displayName,
      description: "Checks the output of a custom compliance script",
      ...context.timestamps(),
      version: 1,
      roleScopeTagIds: ["0"],
      passwordRequired: false,
      deviceCompliancePolicyScript: {
        deviceComplianceScriptId: script.id,
        rulesContent: base64(JSON.stringify({ Rules: check.rules })),
      },
      assignments: context.assignmentsFor(id),
      scheduledActionsForRule: [scheduledActionRule(context, id)],
    };
  });
}
