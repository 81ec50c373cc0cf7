-- Helpers for the pgTAP files, applied by scripts/db/pgtap.ts before them (idempotent, kept between runs).
-- Same semantics as usebasejump/supabase-test-helpers, written for this project: users by label, and
-- impersonation the way PostgREST does it (role + request.jwt.claims, transaction-local).

create schema if not exists tests;
grant usage on schema tests to anon, authenticated;

-- A user in auth.users known to the test by its label; rolled back with the test's transaction.
create or replace function tests.create_user(label text) returns uuid
language sql volatile security definer
set search_path = ''
as $$
  insert into auth.users (email, raw_app_meta_data, raw_user_meta_data)
  values (label || '.' || gen_random_uuid() || '@pgtap.test', '{"provider": "email", "providers": ["email"]}',
          jsonb_build_object('test_label', label))
  returning id
$$;

-- Security definer: tests call it while impersonating, and the API roles cannot read auth.users.
create or replace function tests.get_user_id(label text) returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
declare
  uid uuid;
begin
  select u.id into strict uid from auth.users u
  where u.raw_user_meta_data ->> 'test_label' = label and u.email like '%@pgtap.test';
  return uid;
exception when no_data_found then
  raise exception 'tests.get_user_id: no user labelled "%" (call tests.create_user first)', label;
end
$$;

-- Security invoker: Postgres forbids setting `role` inside a security definer function.
create or replace function tests.authenticate_as(label text) returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  uid uuid := tests.get_user_id(label);
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object(
    'sub', uid, 'role', 'authenticated', 'aud', 'authenticated', 'email', label || '@pgtap.test',
    'app_metadata', json_build_object('provider', 'email'), 'user_metadata', json_build_object()
  )::text, true);
end
$$;

create or replace function tests.authenticate_as_anon() returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role": "anon"}', true);
end
$$;

-- Back to the connecting (table-owning) role, which RLS does not apply to.
create or replace function tests.clear_authentication() returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  perform set_config('role', 'none', true);
  perform set_config('request.jwt.claims', '', true);
end
$$;

-- A tenant created by (and owned by) the labelled user, through the same function the API uses.
create or replace function tests.create_tenant(owner_label text, tenant_name text) returns uuid
language plpgsql volatile
set search_path = ''
as $$
declare
  id uuid;
begin
  perform tests.authenticate_as(owner_label);
  select t.id into id from public.create_tenant(tenant_name, lower(regexp_replace(tenant_name, '[^a-zA-Z0-9]+',
    '-', 'g')), 'FR', 'fr', 'Europe/Paris', 'doctor') as t;
  perform tests.clear_authentication();
  return id;
end
$$;

-- Adds the labelled user to a tenant with one of its roles (as the owning role, bypassing RLS).
create or replace function tests.add_member(tenant uuid, label text, role_name text) returns void
language sql volatile
set search_path = ''
as $$
  insert into public.memberships (tenant_id, user_id, role_id)
  select tenant, tests.get_user_id(label), r.id from public.roles r where r.tenant_id = tenant and r.name = role_name
$$;

create or replace function tests.get_tenant_id(tenant_name text) returns uuid
language sql stable security definer
set search_path = ''
as $$
  select t.id from public.tenants t where t.name = tenant_name order by t.created_at desc limit 1
$$;

create or replace function tests.get_role_id(tenant uuid, role_name text) returns uuid
language sql stable security definer
set search_path = ''
as $$
  select r.id from public.roles r where r.tenant_id = tenant and r.name = role_name
$$;

-- The cast of the per-table RLS tests: tenant "pgTAP Alpha" owned by alice, with adam (admin), vera (viewer)
-- and ines (agent), and tenant "pgTAP Beta" owned by bob.
create or replace function tests.create_two_tenants() returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  perform tests.create_user(label) from unnest(array['alice', 'adam', 'vera', 'ines', 'bob']) as label;
  perform tests.create_tenant('alice', 'pgTAP Alpha');
  perform tests.create_tenant('bob', 'pgTAP Beta');
  perform tests.add_member(tests.get_tenant_id('pgTAP Alpha'), 'adam', 'admin');
  perform tests.add_member(tests.get_tenant_id('pgTAP Alpha'), 'vera', 'viewer');
  perform tests.add_member(tests.get_tenant_id('pgTAP Alpha'), 'ines', 'agent');
end
$$;

revoke execute on all functions in schema tests from public;
grant execute on all functions in schema tests to anon, authenticated;
