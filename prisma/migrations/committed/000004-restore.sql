--! Previous: sha1:72945276082b63e338fcb2617f1381d2081c94af
--! Hash: sha1:7eeeadee37a35753eb6d88f3b312e3a824ebbfce
--! Message: restore

-- Restore: wizard-driven restore runs, their per-item plan and results, the foundation id remap,
-- and evidence snapshots that prove the state after an operation.
create type restore_run_status as enum
  ('draft', 'scoped', 'checked', 'previewed', 'pending', 'queued', 'running', 'completed', 'partial', 'failed', 'cancelled');
create type restore_scope_mode as enum ('with_assignments', 'without_assignments', 'assignments_only');

create table restore_runs (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  source_backup_set_id uuid references backup_sets(id) on delete set null,
  -- The target's name when the run was created: what the operator confirms against.
  target_label text not null,
  dry_run boolean not null default true,
  status restore_run_status not null default 'draft',
  scope_mode restore_scope_mode not null default 'with_assignments',
  checks jsonb not null default '[]',
  preview_summary jsonb not null default '{}',
  counts jsonb not null default '{}',
  foundations jsonb not null default '[]',
  preview_operation_run_id uuid references operation_runs(id) on delete set null,
  operation_run_id uuid references operation_runs(id) on delete set null,
  created_by_user_id uuid references users(id) on delete set null,
  confirmed_by_user_id uuid references users(id) on delete set null,
  confirmed_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index restore_runs_workspace on restore_runs (workspace_id, created_at desc);

create table restore_items (
  id uuid primary key default gen_random_uuid(),
  restore_run_id uuid not null references restore_runs(id) on delete cascade,
  backup_item_id uuid not null references backup_items(id) on delete cascade,
  object_type text not null,
  display_name text not null,
  is_foundation boolean not null default false,
  ordinal integer not null,
  preview_action text,
  preview_changes jsonb not null default '[]',
  target_provider_id text,
  outcome text not null default 'pending',
  -- What the provider returned for the write (id, version): the proof it accepted it.
  provider_acceptance jsonb,
  unmapped_references jsonb not null default '[]',
  error_code text,
  error_message text,
  updated_at timestamptz not null default now(),
  unique (restore_run_id, backup_item_id)
);

create table restore_id_remaps (
  restore_run_id uuid not null references restore_runs(id) on delete cascade,
  kind text not null,
  source_id text not null,
  target_id text not null,
  primary key (restore_run_id, kind, source_id)
);

create table evidence_snapshots (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  operation_run_id uuid references operation_runs(id) on delete set null,
  restore_run_id uuid references restore_runs(id) on delete set null,
  kind text not null,
  status text not null,
  completeness_state text not null,
  items jsonb not null default '[]',
  created_at timestamptz not null default now()
);
create index evidence_snapshots_run on evidence_snapshots (operation_run_id);
