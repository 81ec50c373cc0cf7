-- One updated_at convention for every table that has the column: a `before update` trigger calling
-- private.set_updated_at(), so no writer (a function, a job, the dashboard's SQL editor) can forget or fake
-- it. 001-schema.test.sql fails for a table with updated_at and no such trigger.

create or replace function private.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

revoke execute on function private.set_updated_at() from public;

alter table public.tenants add column updated_at timestamptz not null default now();
create trigger set_updated_at before update on public.tenants
  for each row execute function private.set_updated_at();

-- provider_credentials stamped its own updated_at; it keeps a trigger only for who changed it.
create or replace function private.stamp_provider_credential() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  return new;
end
$$;

create trigger set_updated_at before update on public.provider_credentials
  for each row execute function private.set_updated_at();
