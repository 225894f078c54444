--! Previous: sha1:0bc546e63f37d8bbc760b05701754747e4b61cba
--! Hash: sha1:70b5120357833649bfb4afa633e0d0b49359a770
--! Message: restore-scope-version

-- A restore run's scope has a version: every setRestoreScope bumps it, a preview remembers the
-- version it ran on, and confirmRestoreRun compares-and-sets on it so only the previewed scope runs.
alter table restore_runs add column scope_version integer not null default 0;
alter table restore_runs add column previewed_scope_version integer;
-- Runs previewed before versions existed were previewed on the scope they have now.
update restore_runs set previewed_scope_version = scope_version where preview_operation_run_id is not null;
