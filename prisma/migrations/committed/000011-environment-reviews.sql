--! Previous: sha1:25a35624fc0a33b6c330222f3d5dd2fcb54fd13e
--! Hash: sha1:1bdb40f2df2eee1d9c887aec6a5026b06442b012
--! Message: environment reviews

-- Environment reviews: a customer review of one environment, composed by an
-- environment.review.compose run from local records only. Mutable while draft, ready or failed;
-- published, archived and superseded are history. The evidence holds ids and hashes only; the
-- sections hold the composed document.
create type environment_review_status as enum ('draft', 'ready', 'failed', 'published', 'archived', 'superseded');

create table environment_reviews (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  managed_environment_id uuid not null references managed_environments(id) on delete cascade,
  status environment_review_status not null default 'draft',
  fingerprint text not null,
  evidence jsonb not null default '{}',
  sections jsonb not null default '{}',
  period_start timestamptz,
  period_end timestamptz not null,
  composed_by_run_id uuid references operation_runs(id) on delete set null,
  composed_at timestamptz,
  failure_reason_code text,
  failure_message text,
  published_at timestamptz,
  published_by text,
  archived_at timestamptz,
  archived_by text,
  superseded_by_id uuid references environment_reviews(id) on delete set null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);

-- The duplicate guard: one mutable review per (environment, fingerprint). A concurrent compose
-- that loses the insert adopts the winner.
create unique index environment_reviews_fingerprint_mutable_unique
  on environment_reviews (managed_environment_id, fingerprint)
  where status in ('draft', 'ready', 'failed');

-- At most one published review per environment: publishing supersedes the previous one.
create unique index environment_reviews_one_published
  on environment_reviews (managed_environment_id)
  where status = 'published';

-- Keyset paging, newest first, per workspace and per environment.
create unique index environment_reviews_workspace_created on environment_reviews (workspace_id, created_at desc, id desc);
create index environment_reviews_environment_created on environment_reviews (managed_environment_id, created_at desc, id desc);
-- The review-compose adapter finds candidates by fingerprint.
create index environment_reviews_fingerprint on environment_reviews (fingerprint);

-- A workspace setting: compose a review of every environment once a month (day 1-28, hour UTC).
create table review_schedules (
  workspace_id uuid primary key references workspaces(id) on delete cascade,
  enabled boolean not null default true,
  day_of_month integer not null check (day_of_month between 1 and 28),
  hour_utc integer not null check (hour_utc between 0 and 23),
  next_run_at timestamptz,
  last_run_at timestamptz,
  updated_at timestamptz not null default now()
);
create index review_schedules_due on review_schedules (next_run_at) where enabled;
