/** Where a baseline deployment's page lives. */
export const deploymentPath = (deploymentId: string) => `/deployments/${encodeURIComponent(deploymentId)}`;

/** States in which a deployment still changes by itself (previews or executions running). */
export const ACTIVE_DEPLOYMENT_STATES: readonly string[] = ["PREVIEWING", "RUNNING"];
