--! Previous: sha1:3f16e4737b216854d62119812e87a0660f47c527
--! Hash: sha1:25a35624fc0a33b6c330222f3d5dd2fcb54fd13e
--! Message: restore run state

-- Restore run state: a final status of its own for dry runs; when a run started and ended and why it
-- failed; the API token that confirmed it (the audit names the real actor); and the run's status
-- history, refused moves included, written by the one restore status writer in core.
alter type restore_run_status add value if not exists 'dry_run_completed' after 'completed';

alter table restore_runs
  add column started_at timestamptz,
  add column completed_at timestamptz,
  add column failure_reason_code text,
  add column failure_message text,
  add column confirmed_by_token_id uuid references api_tokens(id) on delete set null;

create table restore_run_events (
  id bigserial primary key,
  restore_run_id uuid not null references restore_runs(id) on delete cascade,
  kind text not null,
  from_status restore_run_status not null,
  to_status restore_run_status not null,
  reason_code text not null,
  message text,
  actor text not null,
  created_at timestamptz not null default now()
);
create index restore_run_events_run on restore_run_events (restore_run_id, id);

-- The stale sweep's check for restore runs left executing after their run completed reads only the
-- executing ones, so its cost follows their number, not the table's size.
create index restore_runs_executing on restore_runs (operation_run_id) where status in ('queued', 'running');
