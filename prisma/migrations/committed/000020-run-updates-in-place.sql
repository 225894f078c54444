--! Previous: sha1:7c7ec98709fba430315ec575b20e9e330e3d8376
--! Hash: sha1:e0f7d471926260cb5ee14c22ef55c7c1ab946a8d
--! Message: run updates in place

-- A running run is written several times (claim, progress and heartbeats, completion, each
-- reconciliation). PostgreSQL can rewrite a row in place, without touching any of the table's nine
-- indexes (a HOT update), only when no indexed column changes and the page has room. The heartbeat
-- was an indexed column: every progress report and heartbeat rewrote every index. The stale sweep
-- needs only the active runs, which are few; it filters their heartbeats without an index.
drop index operation_runs_active;
create index operation_runs_active on operation_runs (status) where status in ('queued', 'running');

-- Leave a tenth of each page free, so the updates of a recent run find room beside it.
alter table operation_runs set (fillfactor = 90);
