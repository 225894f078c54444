--! Previous: sha1:88a193d1c3f3b704c869e3aba3a956210af4980e
--! Hash: sha1:e57592fddd4b6487f59c3a798935e9ed9fce442e
--! Message: run step events

-- A run's timeline also holds its steps between status changes ("Device configurations: 42 read"),
-- worded by the reader's client from a code and these values (numbers and plain strings).
alter table operation_run_events add column params jsonb;
