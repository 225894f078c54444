// The shape of one entry in the contract registry (contracts.ts / contract-definitions.ts): what a
// type's endpoints are, what a COMPLETE capture of one object has to fetch, which foundations it
// references and how its payload is normalized. Kept apart from the data so the data file reads as
// a table.

export type GraphApiVersion = "v1.0" | "beta";

/** `previewOnly`: a restore may diff and preview the type but never writes it (intents). */
export type RestoreSupport = "full" | "previewOnly";

/**
 * The Microsoft Graph permission family an Intune type needs: `<family>.Read.All` to back it up,
 * `<family>.ReadWrite.All` to restore it (Microsoft's least privileged permissions).
 */
export type GraphPermissionFamily =
  | "DeviceManagementConfiguration"
  | "DeviceManagementServiceConfig"
  | "DeviceManagementRBAC"
  | "DeviceManagementApps"
  | "DeviceManagementManagedDevices";

/** The application permissions an app registration needs for a type (Microsoft's least privileged ones). */
export interface GraphPermissions {
  /** To back it up, e.g. `DeviceManagementConfiguration.Read.All`. */
  read: string;
  /** To restore it, e.g. `DeviceManagementConfiguration.ReadWrite.All`. */
  write: string;
}

/**
 * A place in a capture document (`CapturedObject.raw` with `assignments` merged in): property names
 * separated by dots, `[]` steps into every element of an array, `@odata.type` is one name.
 * Examples: `roleScopeTagIds[]`, `assignments[].target.groupId`, `definitionValues[].definition.id`.
 */
export type PayloadPath = string;

/** Keys of the foundation types; checked against the registry by contracts.test.ts. */
export type FoundationKey =
  | "roleScopeTags"
  | "assignmentFilters"
  | "notificationMessageTemplates"
  | "deviceComplianceScripts"
  | "reusablePolicySettings"
  | "roleDefinitions"
  | "namedLocations"
  | "mobileApps";

/** What a plain GET by id does not return, and how captureObject gets it. */
export type SubResource =
  /**
   * A contained, paged collection `/{id}/{key}`, nested in `raw[key]`. Pages are followed to the
   * end; a page that stays empty while promising more is recorded as a gap.
   */
  | {
      kind: "collection";
      key: string;
      /** `$expand` sent with every page, e.g. `definition` for ADMX definition values. */
      expand?: string;
      /** The object property holding the provider's total (`settingCount`); captured must equal it. */
      totalProperty?: string;
      /** These items are the object's settings: they feed completeness.expectedSettings/capturedSettings. */
      isSettings?: boolean;
      /**
       * Ask `$count=true`: the `@odata.count` total is the only way to notice a dropped LAST page
       * (it carries no nextLink). Set where the object has no own counter like `settingCount`. An
       * endpoint that ignores the option simply yields no total (and no check).
       */
      requestCount?: boolean;
      /** A paged collection below EACH item (`definitionValues/{dvId}/presentationValues`), nested under the item. */
      perItem?: { key: string; expand?: string; requestCount?: boolean };
    }
  /**
   * Navigation properties fetched inline with `GET /{id}?$expand=...`, nested in `raw[key]`. When
   * the answer lacks `key` (or an item lacks `nestedKey`) the capture records a gap.
   */
  | {
      kind: "expand";
      key: string;
      expand: string;
      nestedKey?: string;
      minItems?: number;
      /** A single-valued navigation (a role assignment's `roleDefinition`): an object, not a collection. */
      single?: boolean;
    }
  /** Properties only GET by id returns (the list says `null`): captured by always reading by id. */
  | { kind: "detailProperties"; properties: ReadonlyArray<{ name: string; required: boolean }> };

/** A reference from this type to a foundation, which restore must map or create first. */
export interface FoundationDependency {
  foundation: FoundationKey;
  /** Where the referenced foundation ids sit in the capture document. */
  path: PayloadPath;
  /** Values that mean "no reference" (Graph's all-zero GUID for "no notification template"). */
  ignoreValues?: readonly string[];
  /**
   * Only values whose holding object has this `@odata.type` are references: a settings catalog
   * setting names a reusable setting through a reference setting value, while its plain string
   * values sit at the same path.
   */
  holderODataType?: string;
}

/**
 * A reference from this type to the directory (Entra groups and users) outside assignments, e.g.
 * the users and groups a Conditional Access policy includes or excludes. Groups are mapped by name
 * across tenants; users only within the same tenant (another tenant's user ids are never guessed).
 */
export interface DirectoryReference {
  kind: "groups" | "users";
  path: PayloadPath;
  /** Values that are keywords, not ids (`All`, `None`, `GuestsOrExternalUsers`). */
  ignoreValues?: readonly string[];
}

/**
 * Objects that take effect the moment they are written (Conditional Access policies). A restore
 * writes `property` as `safeValue` (report-only) unless the operator switched the item on in the
 * preview, which writes `onValue`; a source object in one of `keptValues` (disabled) is written as
 * it is. `onValue` with no excluded administrators is the lockout the preview blocks.
 */
export interface RestoreEnforcement {
  property: string;
  onValue: string;
  safeValue: string;
  keptValues: readonly string[];
  /** What the safe value means, for the preview and the coverage table. */
  description: string;
}

export interface UnorderedArray {
  path: PayloadPath;
  /**
   * Sort keys relative to each element; omitted = the element itself (arrays of ids). Ties are
   * broken by the element's canonical JSON, so the order never depends on what Graph sent.
   */
  sortBy?: readonly PayloadPath[];
}

/**
 * How a type's payload becomes noise-free (see normalize/normalize-payload.ts for the rules that
 * apply to every type: ids, timestamps, versions and `@odata` annotations except `@odata.type`).
 */
export interface NormalizationSpec {
  /** Server-owned properties removed on top of the global noise (`settingCount`, `isAssigned` ...). */
  stripPaths: readonly PayloadPath[];
  /** `id`s that are references to global catalog entries, not object identities: kept. */
  keepIdPaths: readonly PayloadPath[];
  /** Embedded references reduced to the properties that identify their target (catalog texts are not configuration). */
  reduceTo: ReadonlyArray<{ path: PayloadPath; keep: readonly string[] }>;
  /** Arrays whose order carries no meaning, sorted deterministically. */
  unorderedArrays: readonly UnorderedArray[];
}

export interface ContractDefinition {
  label: string;
  /** Collection path below the version root, e.g. `deviceManagement/deviceConfigurations`. */
  collectionPath: `deviceManagement/${string}` | `deviceAppManagement/${string}` | `identity/${string}`;
  apiVersion: GraphApiVersion;
  /** Settings catalog objects are named by `name`, Apple enrollment tokens by `tokenName`, everything else by `displayName`. */
  displayNameField: "displayName" | "name" | "tokenName";
  /** Foundations are restored before policies because policies reference them. */
  isFoundation: boolean;
  /**
   * Settings catalog style settings: a paged `/settings` collection checked against `settingCount`
   * (inventory stores them). Intents also have `/settings`, described in `subResources` instead.
   */
  hasSettings: boolean;
  /** Assignments are read from `/assignments` and replaced with `POST /assign`. */
  hasAssignments: boolean;
  /** Property of the `/assign` body holding the assignments (Graph differs per type). */
  assignBodyKey: string;
  /**
   * No `/assign` (terms and conditions): a restore deletes the assignments and creates each one with
   * `POST /{id}/assignments`.
   */
  itemAssignments?: boolean;
  /** Settings catalog needs a PUT of the whole policy: PATCH only changes name/description/tags. */
  updateMethod: "PATCH" | "PUT";
  restoreSupport: RestoreSupport;
  /** Why a preview-only type is never written; shown in the preview and the README's coverage table. */
  previewOnlyReason?: string;
  /**
   * Microsoft's own objects of an otherwise restorable type (built-in roles): backed up, compared and
   * previewed, never written. `path` holds `true` for them; `reason` says why they are left alone.
   */
  builtIn?: { path: PayloadPath; reason: string /** The value marking them; default `true`. */; value?: string };
  /**
   * Objects of an otherwise restorable type that can only be previewed, told apart by a value in
   * their capture (line-of-business apps by `@odata.type`: their content is an uploaded file Graph
   * never gives back). Listed with the reason and never written; the type's other objects are.
   */
  previewOnlyObjects?: { path: PayloadPath; values: readonly string[]; reason: string };
  /**
   * Objects of different kinds share names (Outlook for iOS and for Android): the identity of an
   * object is its `@odata.type` together with its name, when matching in a target and mapping references.
   */
  identityIncludesODataType?: boolean;
  permissions: GraphPermissions;
  /**
   * The list endpoint honours `$filter=<displayNameField> eq '...'`; elsewhere a name lookup lists
   * everything. Either way the client re-checks every name itself (some endpoints ignore filters).
   */
  supportsNameFilter: boolean;
  /**
   * Read-only properties a write must not send, on top of the global noise (ids, timestamps,
   * versions, annotations) and `normalization.stripPaths` (`isBuiltIn` of scope tags ...).
   */
  readOnlyPaths: readonly PayloadPath[];
  /** Properties Graph takes on create but refuses to change in a PATCH (a web link's `appUrl`): sent on create only. */
  createOnlyPaths?: readonly PayloadPath[];
  /** Everything a complete capture needs beyond the object's GET by id and its assignments. */
  subResources: readonly SubResource[];
  dependsOn: readonly FoundationDependency[];
  /** Directory references outside assignments (assignments' group targets are always mapped). */
  directoryReferences: readonly DirectoryReference[];
  /** Set for types a restore writes in a safe state unless the operator switches the object on. */
  enforcement?: RestoreEnforcement;
  normalization: NormalizationSpec;
}
