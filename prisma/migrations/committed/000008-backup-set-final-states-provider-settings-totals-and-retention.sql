--! Previous: sha1:70b5120357833649bfb4afa633e0d0b49359a770
--! Hash: sha1:5d84e0b1a4e76578f8d797cb0053e594be6aacf6
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
