--! Previous: sha1:9ac2bed740717ced11f2cfb518aaeb625e83d887
--! Hash: sha1:88a193d1c3f3b704c869e3aba3a956210af4980e
--! Message: drift findings

-- What a drift check found in one environment against one assigned baseline. A finding stays OPEN
-- (or REVERTED while its restore runs) until a later check no longer sees it (RESOLVED) or someone
-- accepts the tenant's value (ACCEPTED). The check that first saw it and the last one are kept.
create table drift_findings (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  baseline_id uuid not null references baselines(id) on delete cascade,
  baseline_version_id uuid not null references baseline_versions(id) on delete cascade,
  baseline_item_id uuid references baseline_items(id) on delete set null,
  run_id uuid not null references operation_runs(id) on delete cascade,
  last_run_id uuid not null references operation_runs(id) on delete cascade,
  resolved_run_id uuid references operation_runs(id) on delete set null,
  state text not null default 'OPEN' check (state in ('OPEN', 'ACCEPTED', 'REVERTED', 'RESOLVED')),
  kind text not null check (kind in ('MISSING', 'CHANGED', 'UNMANAGED', 'AMBIGUOUS')),
  object_type text not null,
  display_name text not null,
  provider_ids text[] not null default '{}',
  -- Each changed setting: { path, before (expected), after (the tenant's) }.
  setting_changes jsonb not null default '[]',
  -- The tenant's normalized payload as the check saw it (CHANGED, UNMANAGED): what an acceptance keeps.
  actual_payload jsonb,
  -- The restore run a revert opened; who accepted or reverted, when, and why.
  restore_run_id uuid references restore_runs(id) on delete set null,
  acted_by text,
  reason text,
  acted_at timestamptz,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
-- Keyset paging, newest first, per workspace.
create unique index drift_findings_workspace_created on drift_findings (workspace_id, created_at desc, id desc);
-- A check looks up the findings still active for its environment.
create index drift_findings_environment_state on drift_findings (managed_environment_id, state);

-- The tenant's value accepted in place of the baseline's, per environment, baseline and object.
-- A later check compares against it; for a missing or unmanaged object it records that its
-- absence or presence was accepted.
create table drift_acceptances (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  baseline_id uuid not null references baselines(id) on delete cascade,
  object_type text not null,
  display_name text not null,
  kind text not null check (kind in ('MISSING', 'CHANGED', 'UNMANAGED', 'AMBIGUOUS')),
  accepted_payload jsonb,
  finding_id uuid not null references drift_findings(id) on delete cascade,
  accepted_by text not null,
  reason text not null check (length(btrim(reason)) between 1 and 1000),
  accepted_at timestamptz not null default now(),
  constraint drift_acceptances_object unique (managed_environment_id, baseline_id, object_type, display_name)
);
