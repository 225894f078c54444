--! Previous: sha1:7eeeadee37a35753eb6d88f3b312e3a824ebbfce
--! Hash: sha1:81caf8bafd2b8c02051201efc8c42b2687d0dc78
--! Message: credential change notifications and login throttles

-- Credential changes reach every API process: each caches authenticated tokens and sessions for a
-- few seconds and drops that cache on this notification (revoke, logout, membership or role change).
create function notify_credentials_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('credentials_changed', tg_table_name);
  return null;
end;
$$;

create trigger api_tokens_notify_credentials
  after update of revoked_at, role, workspace_id, token_hash or delete on api_tokens
  for each row execute function notify_credentials_changed();
create trigger sessions_notify_credentials
  after update of user_id, expires_at or delete on sessions
  for each row execute function notify_credentials_changed();
create trigger memberships_notify_credentials
  after insert or update or delete on memberships
  for each row execute function notify_credentials_changed();
create trigger users_notify_credentials
  after update of display_name, is_platform_support or delete on users
  for each row execute function notify_credentials_changed();

-- Failed sign-ins per account (sha256 of the e-mail) and per client address: after the fifth
-- failure, each further one locks the key for an exponentially growing time.
create table login_throttles (
  key text primary key,
  failures integer not null default 0,
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);
