// Settings of settings catalog policies, shaped like Graph's deviceManagementConfigurationSetting:
// `{ id: "0", settingInstance: { @odata.type, settingDefinitionId, choiceSettingValue | simpleSettingValue } }`.
// Definition ids follow the real naming scheme; beyond the hand-picked ones they are synthetic
// (but unique), which is enough for paging, hashing and diffing.

import type { SeededRandom } from "../deterministic.ts";
import type { SimObject } from "../types.ts";

type DefinitionKind = "choice" | "integer" | "string";

interface SettingDefinition {
  id: string;
  kind: DefinitionKind;
}

const KNOWN_DEFINITIONS: readonly SettingDefinition[] = [
  { id: "device_vendor_msft_policy_config_defender_allowarchivescanning", kind: "choice" },
  { id: "device_vendor_msft_policy_config_defender_allowbehaviormonitoring", kind: "choice" },
  { id: "device_vendor_msft_policy_config_defender_allowcloudprotection", kind: "choice" },
  { id: "device_vendor_msft_policy_config_defender_allowemailscanning", kind: "choice" },
  { id: "device_vendor_msft_policy_config_defender_allowioavprotection", kind: "choice" },
  { id: "device_vendor_msft_policy_config_defender_allowrealtimemonitoring", kind: "choice" },
  { id: "device_vendor_msft_policy_config_defender_allowscriptscanning", kind: "choice" },
  { id: "device_vendor_msft_policy_config_defender_avgcpuloadfactor", kind: "integer" },
  { id: "device_vendor_msft_policy_config_defender_cloudblocklevel", kind: "choice" },
  { id: "device_vendor_msft_policy_config_defender_cloudextendedtimeout", kind: "integer" },
  { id: "device_vendor_msft_policy_config_defender_daystoretaincleanedmalware", kind: "integer" },
  { id: "device_vendor_msft_bitlocker_requiredeviceencryption", kind: "choice" },
  { id: "device_vendor_msft_bitlocker_allowwarningforotherdiskencryption", kind: "choice" },
  { id: "vendor_msft_firewall_mdmstore_domainprofile_enablefirewall", kind: "choice" },
  { id: "vendor_msft_firewall_mdmstore_privateprofile_enablefirewall", kind: "choice" },
  { id: "vendor_msft_firewall_mdmstore_publicprofile_enablefirewall", kind: "choice" },
  { id: "device_vendor_msft_policy_config_browser_allowpasswordmanager", kind: "choice" },
  { id: "device_vendor_msft_policy_config_devicelock_devicepasswordenabled", kind: "choice" },
  { id: "device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock", kind: "integer" },
  { id: "device_vendor_msft_policy_config_devicelock_mindevicepasswordlength", kind: "integer" },
  { id: "device_vendor_msft_laps_policies_backupdirectory", kind: "choice" },
  { id: "device_vendor_msft_laps_policies_passwordagedays", kind: "integer" },
  { id: "device_vendor_msft_laps_policies_passwordlength", kind: "integer" },
  {
    id: "device_vendor_msft_policy_config_localpoliciessecurityoptions_interactivelogon_messagetitleforusersattemptingtologon",
    kind: "string",
  },
  { id: "device_vendor_msft_policy_config_localpoliciessecurityoptions_accounts_enableguestaccountstatus", kind: "choice" },
];

const SYNTHETIC_AREAS = [
  "localpoliciessecurityoptions",
  "userrights",
  "auditing",
  "windowslogon",
  "remotedesktopservices",
  "smartscreen",
  "system",
  "mssecurityguide",
] as const;

/** The n-th definition of an endless, duplicate-free catalog. */
function definitionAt(index: number): SettingDefinition {
  const known = KNOWN_DEFINITIONS[index];
  if (known) return known;
  const n = index - KNOWN_DEFINITIONS.length;
  const area = SYNTHETIC_AREAS[n % SYNTHETIC_AREAS.length] as string;
  const kinds: DefinitionKind[] = ["choice", "choice", "integer", "string"];
  return {
    id: `device_vendor_msft_policy_config_${area}_baselinesetting${String(n).padStart(3, "0")}`,
    kind: kinds[n % 4] as DefinitionKind,
  };
}

function settingInstance(definition: SettingDefinition, random: SeededRandom, label: string): Record<string, unknown> {
  const base = { settingDefinitionId: definition.id, settingInstanceTemplateReference: null };
  if (definition.kind === "choice") {
    return {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      ...base,
      choiceSettingValue: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
        settingValueTemplateReference: null,
        value: `${definition.id}_${random.pick(["0", "1", "1", "2"])}`,
        children: [],
      },
    };
  }
  const simpleSettingValue =
    definition.kind === "integer"
      ? {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue",
          settingValueTemplateReference: null,
          value: random.int(1, 90),
        }
      : {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationStringSettingValue",
          settingValueTemplateReference: null,
          value: `${label} managed`,
        };
  return { "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance", ...base, simpleSettingValue };
}

/**
 * `count` settings with ids "0".."count-1" (Graph numbers settings by position). `firstDefinition`
 * rotates the catalog so different policies configure different definitions.
 */
export function buildSettings(random: SeededRandom, count: number, firstDefinition: number, label: string): SimObject[] {
  const settings: SimObject[] = [];
  for (let index = 0; index < count; index++) {
    settings.push({ id: String(index), settingInstance: settingInstance(definitionAt(firstDefinition + index), random, label) });
  }
  return settings;
}

/** Graph numbers settings by position; creates, PUTs and drift re-number them the same way. */
export function renumberSettings(settings: readonly unknown[]): SimObject[] {
  return settings.map((setting, index) => ({ ...(setting as Record<string, unknown>), id: String(index) }));
}
