--! Previous: -
--! Hash: sha1:cac5c108923c869a2677254f89a06b9a88707102
--! Message: foundation

-- Foundation schema: tenancy, access, operation runs, audit, notifications, inventory.
create type membership_role as enum ('owner', 'manager', 'operator', 'readonly');
create type operation_run_status as enum ('queued', 'running', 'completed');
create type operation_run_outcome as enum ('pending', 'succeeded', 'partially_succeeded', 'failed', 'blocked', 'cancelled');

create table workspaces (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  created_at timestamptz not null default now()
);

create table managed_environments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null,
  provider_tenant_id text not null,
  client_id text not null,
  -- AES-256-GCM envelope "v1.<iv>.<tag>.<ciphertext>" (base64url); the key never touches the database.
  client_secret_encrypted text not null,
  -- Empty for the real Microsoft endpoints; set to a simulator URL for demo tenants.
  graph_base_url text,
  created_at timestamptz not null default now(),
  unique (workspace_id, name)
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  display_name text not null,
  password_hash text not null,
  is_platform_support boolean not null default false,
  created_at timestamptz not null default now()
);

create table memberships (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  role membership_role not null,
  -- Empty means every environment of the workspace.
  environment_ids uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  unique (user_id, workspace_id)
);

create table sessions (
  -- sha256 of the cookie value: a leaked table does not yield usable sessions.
  id text primary key,
  user_id uuid not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null,
  role membership_role not null,
  token_hash text not null unique,
  token_prefix text not null,
  created_by_user_id uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table operation_runs (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid references managed_environments(id) on delete cascade,
  type text not null,
  target_key text not null default '',
  status operation_run_status not null default 'queued',
  outcome operation_run_outcome not null default 'pending',
  initiator_user_id uuid references users(id) on delete set null,
  initiator_token_id uuid references api_tokens(id) on delete set null,
  summary_counts jsonb not null default '{}',
  progress double precision,
  context jsonb not null default '{}',
  failure_reason_code text,
  failure_message text,
  has_proof_gaps boolean not null default false,
  enqueue_attempts integer not null default 0,
  worker_id text,
  last_heartbeat_at timestamptz,
  reconcile_deadline_at timestamptz,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz not null default now()
);
-- One active run per (workspace, environment, type, target): the dedupe guarantee of product.md.
create unique index operation_runs_one_active
  on operation_runs (workspace_id, managed_environment_id, type, target_key) nulls not distinct
  where status in ('queued', 'running');
create index operation_runs_workspace_created on operation_runs (workspace_id, created_at desc, id desc);
-- The stale sweep only ever looks at active runs, so its cost follows their number, not the table's.
create index operation_runs_active on operation_runs (status, last_heartbeat_at) where status in ('queued', 'running');

create table operation_run_events (
  id bigserial primary key,
  run_id uuid not null references operation_runs(id) on delete cascade,
  kind text not null,
  from_status operation_run_status,
  to_status operation_run_status,
  from_outcome operation_run_outcome,
  to_outcome operation_run_outcome,
  reason_code text,
  message text,
  actor text not null,
  created_at timestamptz not null default now()
);
create index operation_run_events_run on operation_run_events (run_id, id);

create table audit_events (
  id bigserial primary key,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid references managed_environments(id) on delete set null,
  actor_type text not null,
  actor_id text,
  action text not null,
  target_type text not null,
  target_id text,
  outcome text not null,
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index audit_events_workspace on audit_events (workspace_id, created_at desc);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null,
  link text,
  operation_run_id uuid references operation_runs(id) on delete cascade,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_user on notifications (user_id, created_at desc);

create table inventory_items (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  object_type text not null,
  provider_id text not null,
  display_name text not null,
  odata_type text,
  payload jsonb not null default '{}',
  settings_count integer,
  last_observed_at timestamptz not null,
  last_seen_run_id uuid references operation_runs(id) on delete set null,
  disappeared_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (managed_environment_id, object_type, provider_id)
);
create index inventory_items_env_type on inventory_items (workspace_id, managed_environment_id, object_type, display_name);

create table inventory_settings (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  inventory_item_id uuid not null references inventory_items(id) on delete cascade,
  setting_id text not null,
  definition_id text,
  payload jsonb not null,
  last_seen_run_id uuid references operation_runs(id) on delete set null,
  unique (inventory_item_id, setting_id)
);
