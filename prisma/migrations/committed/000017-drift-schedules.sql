--! Previous: sha1:ca0635db8186c74eb6f9c0a84d783dbdcf009436
--! Hash: sha1:9773d484f8ba4d3c0935374bb5da3bde0a61b71a
--! Message: drift schedules

-- How often a workspace's environments that follow a baseline are checked for drift. Without a row
-- a workspace is checked every 6 hours (the cadence of Microsoft's own configuration monitoring). An
-- environment is due when no drift check of it was started within the interval, so a check someone
-- started by hand counts too.
create table drift_schedules (
  workspace_id uuid primary key references workspaces(id) on delete cascade,
  enabled boolean not null default true,
  interval_hours int not null default 6 check (interval_hours between 1 and 24),
  updated_at timestamptz not null default now()
);
