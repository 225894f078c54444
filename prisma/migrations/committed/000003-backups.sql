--! Previous: sha1:ebc30d08ab2430c0212ddebee03aea2081b1fa75
--! Hash: sha1:72945276082b63e338fcb2617f1381d2081c94af
--! Message: backups

-- Backups: immutable policy versions (deduplicated by content hash), backup sets with a
-- completeness record, per-environment schedules with retention.
create type backup_trigger as enum ('manual', 'schedule', 'pre_restore');
create type backup_set_status as enum ('capturing', 'completed', 'failed');

create table policy_versions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  object_type text not null,
  provider_id text not null,
  display_name text not null,
  raw_payload jsonb not null,
  normalized_payload jsonb not null,
  -- sha256 of the canonical normalized payload: equal content, equal hash, one version.
  content_hash text not null,
  payload_bytes integer not null,
  captured_at timestamptz not null default now(),
  captured_by_run_id uuid references operation_runs(id) on delete set null,
  unique (managed_environment_id, object_type, provider_id, content_hash)
);
create index policy_versions_history on policy_versions (managed_environment_id, object_type, provider_id, captured_at desc);

create table backup_sets (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  name text not null,
  trigger backup_trigger not null,
  status backup_set_status not null default 'capturing',
  operation_run_id uuid references operation_runs(id) on delete set null,
  -- Per type: { providerTotal, captured, gaps[] }; written once when capture ends.
  completeness jsonb not null default '{}',
  item_count integer not null default 0,
  has_gaps boolean not null default false,
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create index backup_sets_environment on backup_sets (workspace_id, managed_environment_id, created_at desc);

create table backup_items (
  id uuid primary key default gen_random_uuid(),
  backup_set_id uuid not null references backup_sets(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  object_type text not null,
  provider_id text not null,
  display_name text not null,
  is_foundation boolean not null default false,
  policy_version_id uuid not null references policy_versions(id) on delete restrict,
  -- Item-level gaps: [{ code, message }], e.g. a settings page that never arrived.
  gaps jsonb not null default '[]',
  unique (backup_set_id, object_type, provider_id)
);

create table backup_schedules (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null unique references managed_environments(id) on delete cascade,
  enabled boolean not null default true,
  -- Five-field cron in UTC, e.g. '0 2 * * *' for daily at 02:00.
  cron_expression text not null,
  next_run_at timestamptz,
  last_run_at timestamptz,
  retention_keep_last integer,
  retention_keep_days integer,
  updated_at timestamptz not null default now()
);
create index backup_schedules_due on backup_schedules (next_run_at) where enabled;
