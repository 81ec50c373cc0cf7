-- Tenancy: tenants, roles with permissions, memberships, and the helpers every RLS policy calls.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Mirrors shared/permissions.ts (PERMISSIONS); a test keeps the two equal.
create or replace function private.all_permissions() returns text[]
language sql immutable
set search_path = ''
as $$
  select array[
    'tenant.manage', 'tenant.delete',
    'settings.read', 'settings.manage',
    'team.read', 'team.manage',
    'assistants.read', 'assistants.manage',
    'calls.read',
    'inbox.read', 'inbox.reply',
    'channels.read', 'channels.manage',
    'templates.manage',
    'messages.send',
    'audit.read'
  ]::text[]
$$;

-- Mirrors shared/permissions.ts (DEFAULT_ROLE_PERMISSIONS).
create or replace function private.default_role_permissions(role_name text) returns text[]
language sql immutable
set search_path = ''
as $$
  select case role_name
    when 'owner' then private.all_permissions()
    when 'admin' then array_remove(private.all_permissions(), 'tenant.delete')
    when 'agent' then array['team.read', 'assistants.read', 'calls.read', 'inbox.read', 'inbox.reply',
                            'channels.read', 'messages.send']::text[]
    when 'viewer' then array['settings.read', 'team.read', 'assistants.read', 'calls.read', 'inbox.read',
                             'channels.read']::text[]
  end
$$;

-- Immutable so it may sit in a check constraint; the time zone database only changes with Postgres itself.
create or replace function private.is_time_zone(tz text) returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  perform now() at time zone tz;
  return true;
exception when invalid_parameter_value then
  return false;
end
$$;

create table public.tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
  country text not null check (country ~ '^[A-Z]{2}$'),
  language text not null default 'en' check (language in ('en', 'fr')),
  timezone text not null default 'UTC' check (private.is_time_zone(timezone)),
  profession text not null default 'other' check (profession ~ '^[a-z_]{1,40}$'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
-- Deleting a user sets created_by to null: without this index that scans every tenant.
create index tenants_created_by_idx on public.tenants (created_by);

create table public.roles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 60),
  permissions text[] not null default '{}' check (permissions <@ private.all_permissions()),
  is_system boolean not null default false,
  created_at timestamptz not null default now(),
  unique (tenant_id, name),
  unique (tenant_id, id)
);

create table public.memberships (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role_id uuid not null,
  status text not null default 'active' check (status in ('active', 'disabled')),
  created_at timestamptz not null default now(),
  primary key (user_id, tenant_id),
  -- A member's role must belong to the same tenant.
  foreign key (tenant_id, role_id) references public.roles (tenant_id, id)
);
create index memberships_tenant_id_idx on public.memberships (tenant_id);
create index memberships_role_id_idx on public.memberships (role_id);

-- Helpers: security definer so policies on memberships can consult memberships without recursion.
-- Policies use the set-returning ones as `tenant_id in (select private.tenant_ids_…())`: the subquery does
-- not depend on the row, so Postgres runs it once per statement (a hashed subplan) instead of once per row.
create or replace function private.tenant_ids_for_current_user() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.tenant_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.status = 'active'
$$;

create or replace function private.tenant_ids_with_permission(perm text) returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.tenant_id
  from public.memberships m
  join public.roles r on r.id = m.role_id
  where m.user_id = (select auth.uid()) and m.status = 'active' and perm = any (r.permissions)
$$;

-- For the functions' own checks (one tenant, one permission), not for policies.
create or replace function private.is_member(tenant uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.user_id = (select auth.uid()) and m.tenant_id = tenant and m.status = 'active'
  )
$$;

create or replace function private.has_permission(tenant uuid, perm text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.memberships m
    join public.roles r on r.id = m.role_id
    where m.user_id = (select auth.uid())
      and m.tenant_id = tenant
      and m.status = 'active'
      and perm = any (r.permissions)
  )
$$;

-- The caller's permissions in a tenant (empty when not an active member).
create or replace function private.current_permissions(tenant uuid) returns text[]
language sql stable security definer
set search_path = ''
as $$
  select coalesce((
    select r.permissions
    from public.memberships m
    join public.roles r on r.id = m.role_id
    where m.user_id = (select auth.uid()) and m.tenant_id = tenant and m.status = 'active'
  ), '{}')
$$;

-- No escalation: a team manager may only hand out (or take away) a role whose permissions they hold
-- themselves, so an admin can neither make anyone an owner nor demote or remove the owner.
create or replace function private.can_assign_role(tenant uuid, role uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((
    select r.permissions <@ private.current_permissions(tenant)
    from public.roles r
    where r.id = role and r.tenant_id = tenant
  ), false)
$$;

-- Functions are executable by PUBLIC by default, and a per-schema `alter default privileges` cannot take a
-- global default back: revoke explicitly (001-schema.test.sql fails on a private function anon may run).
revoke execute on all functions in schema private from public;
grant execute on function private.tenant_ids_for_current_user(), private.tenant_ids_with_permission(text),
  private.is_member(uuid), private.has_permission(uuid, text), private.current_permissions(uuid),
  private.can_assign_role(uuid, uuid), private.all_permissions(), private.default_role_permissions(text),
  private.is_time_zone(text)
  to authenticated, service_role;

-- Tenants -------------------------------------------------------------------------------------------
revoke all on public.tenants from anon, authenticated;
grant select, update (name, language, timezone, profession, country) on public.tenants to authenticated;
alter table public.tenants enable row level security;

create policy tenants_select_member on public.tenants for select to authenticated
  using (id in (select private.tenant_ids_for_current_user()));
create policy tenants_update_manager on public.tenants for update to authenticated
  using (id in (select private.tenant_ids_with_permission('tenant.manage')))
  with check (id in (select private.tenant_ids_with_permission('tenant.manage')));

-- Roles ---------------------------------------------------------------------------------------------
revoke all on public.roles from anon, authenticated;
grant select, insert (tenant_id, name, permissions), update (name, permissions), delete
  on public.roles to authenticated;
alter table public.roles enable row level security;

create policy roles_select_member on public.roles for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_current_user()));
-- System roles are fixed; a custom role never carries a permission its author lacks.
create policy roles_insert_team_manager on public.roles for insert to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_permission('team.manage')) and not is_system
    and permissions <@ private.current_permissions(tenant_id)
  );
create policy roles_update_team_manager on public.roles for update to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_permission('team.manage')) and not is_system
    and permissions <@ private.current_permissions(tenant_id)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_permission('team.manage')) and not is_system
    and permissions <@ private.current_permissions(tenant_id)
  );
create policy roles_delete_team_manager on public.roles for delete to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_permission('team.manage')) and not is_system
    and permissions <@ private.current_permissions(tenant_id)
  );

-- Memberships ---------------------------------------------------------------------------------------
revoke all on public.memberships from anon, authenticated;
grant select, insert (tenant_id, user_id, role_id, status), update (role_id, status), delete
  on public.memberships to authenticated;
alter table public.memberships enable row level security;

create policy memberships_select_member on public.memberships for select to authenticated
  using (user_id = (select auth.uid()) or tenant_id in (select private.tenant_ids_for_current_user()));
create policy memberships_insert_team_manager on public.memberships for insert to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_permission('team.manage'))
    and private.can_assign_role(tenant_id, role_id)
  );
-- `using` sees the current role, `with check` the new one: both must be within the manager's reach.
create policy memberships_update_team_manager on public.memberships for update to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_permission('team.manage'))
    and private.can_assign_role(tenant_id, role_id)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_permission('team.manage'))
    and private.can_assign_role(tenant_id, role_id)
  );
create policy memberships_delete_team_manager on public.memberships for delete to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_permission('team.manage'))
    and private.can_assign_role(tenant_id, role_id)
  );

-- Creating a tenant: the tenant, its system roles and the creator's owner membership, atomically.
-- Security definer because the creator is not a member yet; it acts only for auth.uid().
create or replace function public.create_tenant(
  p_name text, p_slug text, p_country text, p_language text, p_timezone text, p_profession text
) returns public.tenants
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  t public.tenants;
  candidate text := p_slug;
  attempt int := 1;
  owner_role uuid;
begin
  if uid is null then
    raise exception 'not authenticated' using errcode = '42501';
  end if;
  perform now() at time zone p_timezone; -- raises 22023 for an unknown time zone
  loop
    begin
      insert into public.tenants (name, slug, country, language, timezone, profession, created_by)
      values (btrim(p_name), candidate, p_country, p_language, p_timezone, p_profession, uid)
      returning * into t;
      exit;
    exception when unique_violation then
      attempt := attempt + 1;
      candidate := left(p_slug, 56) || '-' || attempt;
    end;
  end loop;

  insert into public.roles (tenant_id, name, permissions, is_system)
  select t.id, r.name, private.default_role_permissions(r.name), true
  from unnest(array['owner', 'admin', 'agent', 'viewer']) as r (name);

  select id into owner_role from public.roles where tenant_id = t.id and name = 'owner';
  insert into public.memberships (tenant_id, user_id, role_id) values (t.id, uid, owner_role);
  return t;
end
$$;

revoke execute on function public.create_tenant(text, text, text, text, text, text) from public, anon;
grant execute on function public.create_tenant(text, text, text, text, text, text) to authenticated;
