-- The two helpers every RLS policy calls, rewritten in PL/pgSQL with the same query, security and search_path.
--
-- Why: a SQL function with a SET clause (search_path) is never inlined, and Postgres before 18 plans its body
-- again at every statement that calls it; PL/pgSQL keeps the plan for the session. The calls-list benchmark
-- (scripts/bench/calls-list.ts, docs/calls.md) measured that planning as most of what RLS adds to a page of
-- calls: about 0.2–0.3 ms of a 1.5 ms page, which put the list as `authenticated` above 1.2× the same list as
-- the table owner. Nothing else changes: each policy still runs the helper once per statement (a hashed
-- subplan), as the user it acts for.

create or replace function private.tenant_ids_for_current_user() returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.tenant_id from public.memberships m
    where m.user_id = (select auth.uid()) and m.status = 'active';
end
$$;

create or replace function private.tenant_ids_with_permission(perm text) returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.tenant_id
    from public.memberships m
    join public.roles r on r.id = m.role_id
    where m.user_id = (select auth.uid()) and m.status = 'active' and perm = any (r.permissions);
end
$$;
