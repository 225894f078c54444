--! Previous: sha1:e57592fddd4b6487f59c3a798935e9ed9fce442e
--! Hash: sha1:ca0635db8186c74eb6f9c0a84d783dbdcf009436
--! Message: baseline deployments

-- A baseline version materialized as a backup set of a target environment (a baseline of imported
-- files has no backup a restore could read from). Such a set is no capture of the tenant: every
-- "newest backup" and retention query leaves it out.
alter type backup_trigger add value 'baseline';

-- A baseline version deployed to environments: one restore run per environment links here. What
-- the deployment is (previewing, awaiting approval, running, its outcome and proof) is derived from
-- those restore runs when read, never stored twice. A live deployment runs once approved.
create table baseline_deployments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  baseline_id uuid not null references baselines(id) on delete cascade,
  baseline_version_id uuid not null references baseline_versions(id) on delete cascade,
  dry_run boolean not null,
  requested_by_user_id uuid references users(id) on delete set null,
  -- The requester's and approver's actor labels (user:<id>, token:<id>): who, even after a user is gone.
  requested_by text not null,
  approved_by_user_id uuid references users(id) on delete set null,
  approved_by text,
  approved_at timestamptz,
  created_at timestamptz(3) not null default now(),
  -- A dry run writes nothing, so there is nothing to approve.
  constraint baseline_deployments_dry_run_unapproved check (not dry_run or approved_at is null),
  constraint baseline_deployments_approval_whole check ((approved_by is null) = (approved_at is null))
);
-- Keyset paging, newest first, per workspace.
create unique index baseline_deployments_workspace_created on baseline_deployments (workspace_id, created_at desc, id desc);

alter table restore_runs add column baseline_deployment_id uuid references baseline_deployments(id) on delete set null;
create index restore_runs_baseline_deployment on restore_runs (baseline_deployment_id);
