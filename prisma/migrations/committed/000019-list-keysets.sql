--! Previous: sha1:c92c2ecb20cb2ca7ef04c8fb2cf6f96a041db271
--! Hash: sha1:7c7ec98709fba430315ec575b20e9e330e3d8376
--! Message: list keysets

-- Backup sets, restore runs, notifications, policy versions and inventory page by a keyset cursor in
-- their list order, as operation runs do (000009). A cursor carries its time as a JavaScript date
-- (milliseconds), so the time columns keep milliseconds too: a cursor then names its row exactly and
-- rows that share a millisecond page without gaps or repeats. Each list order ends in the id, so it
-- is unique and its index can serve as the cursor's key; each selective filter has an index in list
-- order, so a filtered page reads only its own rows however deep the cursor is.

-- Backup sets, newest first, per workspace or per environment (the filter and the environment's list).
alter table backup_sets alter column created_at type timestamptz(3);
drop index if exists backup_sets_environment;
create unique index backup_sets_workspace_created on backup_sets (workspace_id, created_at desc, id desc);
create index backup_sets_environment_created on backup_sets (managed_environment_id, created_at desc, id desc);
-- The backup set of a run (OperationRun.backupSet) is found by its run.
create index backup_sets_operation_run on backup_sets (operation_run_id);

-- Restore runs, newest first, filtered by target environment and by status.
alter table restore_runs alter column created_at type timestamptz(3);
drop index if exists restore_runs_workspace;
create unique index restore_runs_workspace_created on restore_runs (workspace_id, created_at desc, id desc);
create index restore_runs_environment_created on restore_runs (managed_environment_id, created_at desc, id desc);
create index restore_runs_status_created on restore_runs (workspace_id, status, created_at desc, id desc);
-- A page of notifications or runs finds the restore runs their runs belong to in one query.
create index restore_runs_operation_run on restore_runs (operation_run_id);
create index restore_runs_preview_operation_run on restore_runs (preview_operation_run_id);
-- A page of restore runs finds each one's newest verification evidence in one query.
create index evidence_snapshots_restore_run on evidence_snapshots (restore_run_id, created_at desc, id desc);

-- A user's notifications, newest first.
alter table notifications alter column created_at type timestamptz(3);
drop index if exists notifications_user;
create unique index notifications_user_created on notifications (user_id, created_at desc, id desc);

-- Policy versions, newest first, per environment, per object type and per policy (its history).
alter table policy_versions alter column captured_at type timestamptz(3);
create unique index policy_versions_environment_captured on policy_versions (managed_environment_id, captured_at desc, id desc);
create index policy_versions_type_captured on policy_versions (managed_environment_id, object_type, captured_at desc, id desc);
drop index if exists policy_versions_history;
create index policy_versions_history on policy_versions (managed_environment_id, object_type, provider_id, captured_at desc, id desc);

-- Inventory by type and name per environment; the type filter is the order's leading key. The
-- default list leaves out objects that disappeared, so it has its own (partial) index.
drop index if exists inventory_items_env_type;
create unique index inventory_items_environment_listed on inventory_items (managed_environment_id, object_type, display_name, id);
create index inventory_items_environment_present on inventory_items (managed_environment_id, object_type, display_name, id)
  where disappeared_at is null;
