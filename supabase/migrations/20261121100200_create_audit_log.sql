-- Who changed what, per tenant. Append-only for the API roles: no update or delete grant, no policy.

create table public.audit_log (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  actor uuid default auth.uid() references auth.users (id) on delete set null,
  action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  target text,
  details jsonb not null default '{}',
  at timestamptz not null default now()
);
create index audit_log_tenant_id_at_idx on public.audit_log (tenant_id, at desc);
-- Deleting a user sets actor to null: without this index that scans the whole log.
create index audit_log_actor_idx on public.audit_log (actor);

revoke all on public.audit_log from anon, authenticated;
grant select, insert (tenant_id, actor, action, target, details) on public.audit_log to authenticated;
alter table public.audit_log enable row level security;

create policy audit_log_select_auditor on public.audit_log for select to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('audit.read')));
-- Any active member may record what they did, as themselves, in their own tenant.
create policy audit_log_insert_member on public.audit_log for insert to authenticated
  with check (actor = (select auth.uid()) and tenant_id in (select private.tenant_ids_for_current_user()));
