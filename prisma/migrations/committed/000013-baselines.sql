--! Previous: sha1:5d449964dab2a3f9b8a123e1f2b5fca1956fd562
--! Hash: sha1:9ac2bed740717ced11f2cfb518aaeb625e83d887
--! Message: baselines

-- Baselines: a named, versioned set of desired objects in a workspace. A version is immutable once
-- written (editing a baseline writes the next number); its items hold payloads normalized exactly
-- as policy versions are, so a baseline item and a captured policy compare directly.
create table baselines (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 200),
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now(),
  constraint baselines_workspace_name unique (workspace_id, name)
);
-- Keyset paging, newest first, per workspace.
create unique index baselines_workspace_created on baselines (workspace_id, created_at desc, id desc);

create table baseline_versions (
  id uuid primary key default gen_random_uuid(),
  baseline_id uuid not null references baselines(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  number integer not null check (number >= 1),
  -- backup, import or edit; origin_details says from what (backup set, files not recognized ...).
  origin text not null check (origin in ('backup', 'import', 'edit')),
  origin_details jsonb not null default '{}',
  item_count integer not null default 0,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  constraint baseline_versions_number unique (baseline_id, number)
);

create table baseline_items (
  id uuid primary key default gen_random_uuid(),
  baseline_version_id uuid not null references baseline_versions(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  -- A key of the contract registry (configurationPolicies, deviceCompliancePolicies ...).
  object_type text not null,
  display_name text not null,
  normalized_payload jsonb not null,
  content_hash text not null,
  -- Where the item came from: a backup item (set, item, policy version) or a file (name, format).
  source jsonb not null,
  -- A tenant's object is matched to a baseline item by type and name, so both identify the item.
  constraint baseline_items_object unique (baseline_version_id, object_type, display_name)
);

-- Versions and their items are history: a change is a new version, never an update.
create function baseline_history_is_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'baseline versions and their items are immutable; write a new version'
    using errcode = 'check_violation';
end;
$$;
create trigger baseline_versions_immutable before update on baseline_versions
  for each row execute function baseline_history_is_immutable();
create trigger baseline_items_immutable before update on baseline_items
  for each row execute function baseline_history_is_immutable();

-- A baseline applies to many environments and an environment follows many baselines.
create table baseline_assignments (
  baseline_id uuid not null references baselines(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  assigned_by text not null,
  assigned_at timestamptz not null default now(),
  primary key (baseline_id, managed_environment_id)
);
create index baseline_assignments_environment on baseline_assignments (managed_environment_id);
