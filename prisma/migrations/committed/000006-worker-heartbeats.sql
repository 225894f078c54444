--! Previous: sha1:81caf8bafd2b8c02051201efc8c42b2687d0dc78
--! Hash: sha1:0bc546e63f37d8bbc760b05701754747e4b61cba
--! Message: worker heartbeats

-- Every worker process beats here while it is connected, so /readyz of any API process can tell
-- whether some worker is alive (a SIGKILLed worker leaves a row that goes stale).
create table worker_heartbeats (
  worker_id text primary key,
  hostname text not null,
  pid integer not null,
  started_at timestamptz not null default now(),
  beat_at timestamptz not null default now()
);
create index worker_heartbeats_beat_at on worker_heartbeats (beat_at desc);
