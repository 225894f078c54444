/**
 * The role -> capability table: the one place that says who may do what. Capabilities are
 * derived from the role deterministically; nothing is stored per user.
 */
export const ROLES = ["owner", "manager", "operator", "readonly"] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  "workspace.read",
  "workspace.manage",
  "members.manage",
  "tokens.manage",
  "environments.manage",
  "operations.read",
  "operations.cancel",
  "operations.reconcile",
  "inventory.read",
  "inventory.sync",
  "backup.run",
  "restore.read",
  "restore.preview",
  "restore.execute",
  "review.read",
  "review.compose",
  "review.publish",
  "baseline.read",
  "baseline.manage",
  "deployment.approve",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

// Auditors (readonly) read restore runs and their proof; planning and executing need more.
// Reviews are the customer's document: operators compose them, only managers and owners publish.
// Baselines are the workspace's standards: auditors read them, operators create, edit and assign them.
// A live deployment of a baseline changes many customers' tenants at once: only owners approve it.
const READ: Capability[] = ["workspace.read", "operations.read", "inventory.read", "restore.read", "review.read", "baseline.read"];
const OPERATE: Capability[] = [
  ...READ,
  "inventory.sync",
  "backup.run",
  "restore.preview",
  "operations.cancel",
  "operations.reconcile",
  "review.compose",
  "baseline.manage",
];
const MANAGE: Capability[] = [...OPERATE, "restore.execute", "environments.manage", "tokens.manage", "review.publish"];

export const ROLE_CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  readonly: new Set(READ),
  operator: new Set(OPERATE),
  manager: new Set(MANAGE),
  owner: new Set([...MANAGE, "workspace.manage", "members.manage", "deployment.approve"]),
};

export function capabilitiesOf(role: Role): Capability[] {
  return CAPABILITIES.filter((capability) => ROLE_CAPABILITIES[role].has(capability));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
