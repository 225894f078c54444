--! Previous: sha1:7eeeadee37a35753eb6d88f3b312e3a824ebbfce
--! Hash: sha1:8a25efd04056c45a688612c0ad5db2da40ec7b6e
--! Message: backup set final states, provider settings totals and retention scope

-- A backup set whose run ended before its capture finished is final too: `partial` when it kept
-- captured objects, `failed` when it holds none. Never left `capturing`.
alter type backup_set_status add value if not exists 'partial';

-- The stale sweep looks for sets still capturing whose run is final: few rows, found by this index.
create index backup_sets_capturing on backup_sets (operation_run_id) where status = 'capturing';

-- The provider's own settings total of a captured policy (settingCount, or the settings list's
-- @odata.count): the backup adapter proves the stored settings against it.
alter table backup_items add column reported_settings_count integer;

-- Retention removes the sets its own schedule made; manual and pre-restore sets only when the
-- rule says so explicitly.
alter table backup_schedules add column retention_includes_manual boolean not null default false;
