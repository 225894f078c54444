--! Previous: sha1:5d84e0b1a4e76578f8d797cb0053e594be6aacf6
--! Hash: sha1:3f16e4737b216854d62119812e87a0660f47c527
--! Message: operation run list keyset

-- Operation runs are listed newest first with a keyset cursor of (created_at, id). A cursor carries
-- created_at as a JavaScript date (milliseconds), so the column keeps milliseconds too: a cursor then
-- names its row exactly and rows that share a millisecond page without gaps or repeats.
alter table operation_runs alter column created_at type timestamptz(3);

-- The list order is unique, so it can serve as the cursor's key.
drop index if exists operation_runs_workspace_created;
create unique index operation_runs_workspace_created on operation_runs (workspace_id, created_at desc, id desc);

-- One index per selective filter, each in list order, so a filtered page reads only its own rows
-- however deep the cursor is. Filters on common values (a frequent type, succeeded, no proof gaps)
-- are served by walking the workspace index above; combined filters start from the most selective.
drop index if exists operation_runs_environment_created;
create index operation_runs_environment_created on operation_runs (managed_environment_id, created_at desc, id desc);
drop index if exists operation_runs_type_created;
create index operation_runs_type_created on operation_runs (workspace_id, type, created_at desc, id desc);
drop index if exists operation_runs_outcome_created;
create index operation_runs_outcome_created on operation_runs (workspace_id, outcome, created_at desc, id desc);
drop index if exists operation_runs_status_created;
create index operation_runs_status_created on operation_runs (workspace_id, status, created_at desc, id desc);
drop index if exists operation_runs_proof_gaps_created;
create index operation_runs_proof_gaps_created on operation_runs (workspace_id, created_at desc, id desc) where has_proof_gaps;
