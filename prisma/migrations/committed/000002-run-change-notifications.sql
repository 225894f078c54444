--! Previous: sha1:cac5c108923c869a2677254f89a06b9a88707102
--! Hash: sha1:ebc30d08ab2430c0212ddebee03aea2081b1fa75
--! Message: run change notifications

-- Live updates: API processes LISTEN on this channel, so a change made by any worker reaches every
-- subscriber without polling. The payload carries ids only; subscribers re-read with access checks.
create function notify_operation_run_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('operation_run_changed', json_build_object('id', new.id, 'workspaceId', new.workspace_id)::text);
  return new;
end;
$$;

create trigger operation_runs_notify_changed
  after insert or update on operation_runs
  for each row execute function notify_operation_run_changed();
