--! Previous: sha1:9773d484f8ba4d3c0935374bb5da3bde0a61b71a
--! Hash: sha1:c92c2ecb20cb2ca7ef04c8fb2cf6f96a041db271
--! Message: restore item switched on

-- The operator's choice in a restore preview to write a Conditional Access policy switched on
-- (state enabled). Without it the restore writes the policy report-only: an enforced policy copied
-- into a tenant can lock its administrators out. Part of the scope: changing it bumps the scope
-- version, so only a previewed choice can be confirmed.
alter table restore_items add column switched_on boolean not null default false;
