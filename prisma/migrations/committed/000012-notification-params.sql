--! Previous: sha1:1bdb40f2df2eee1d9c887aec6a5026b06442b012
--! Hash: sha1:5d449964dab2a3f9b8a123e1f2b5fca1956fd562
--! Message: notification params

-- Notifications carry the values of their text (operation type, outcome, environment, counts), so
-- the SPA words them in the reader's language; title and body stay as the English fallback.
alter table notifications add column params jsonb not null default '{}'::jsonb;
