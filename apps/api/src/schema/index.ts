// Only imports: each module defines one type family with its queries, mutations and subscriptions.
import "./root.ts";
import "./common.ts";
import "./errors.ts";
import "./node.ts";
import "./viewer.ts";
import "./workspace.ts";
import "./environment.ts";
import "./inventory.ts";
import "./operation-run.ts";
import "./reconciliation.ts";
import "./operation-run-mutations.ts";
import "./operation-run-subscriptions.ts";
import "./notifications.ts";
import "./policy-version.ts";
import "./backup-set.ts";
import "./backup-mutations.ts";
