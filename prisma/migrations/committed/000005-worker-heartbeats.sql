--! Previous: sha1:7eeeadee37a35753eb6d88f3b312e3a824ebbfce
--! Hash: sha1:d1d711f1d2b11037ead9c8bf6cc90e0f90dcbb60
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
