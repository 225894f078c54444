--! Previous: sha1:7eeeadee37a35753eb6d88f3b312e3a824ebbfce
--! Hash: sha1:2a7483587adfff6d2804ef1be07df2c8bc808196
--! Message: restore-scope-version

-- A restore run's scope has a version: every setRestoreScope bumps it, a preview remembers the
-- version it ran on, and confirmRestoreRun compares-and-sets on it so only the previewed scope runs.
alter table restore_runs add column scope_version integer not null default 0;
alter table restore_runs add column previewed_scope_version integer;
-- Runs previewed before versions existed were previewed on the scope they have now.
update restore_runs set previewed_scope_version = scope_version where preview_operation_run_id is not null;
