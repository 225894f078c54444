--! Previous: sha1:e0f7d471926260cb5ee14c22ef55c7c1ab946a8d
--! Hash: sha1:190d43ca0e3a42e9d3b23353aed5fd0de435bd2c
--! Message: backup sets by trigger

-- Counting a workspace's captured backup sets (every backupSets page with totalCount) read every
-- set's row to check its trigger: about 60 ms at 200,000 sets. With the trigger in an index,
-- PostgreSQL counts from the index alone (the captured triggers are listed, see
-- CAPTURED_BACKUP_SETS in core): about 16 ms.
create index backup_sets_workspace_trigger on backup_sets (workspace_id, trigger);
