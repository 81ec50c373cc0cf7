-- Who changed what, per tenant. Append-only for the API roles.

create table public.audit_log (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  actor uuid references auth.users (id) on delete set null,
  action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  target text,
  details jsonb not null default '{}',
  at timestamptz not null default now()
);
create index audit_log_tenant_id_at_idx on public.audit_log (tenant_id, at desc);

revoke all on public.audit_log from anon, authenticated;
grant select, insert (tenant_id, actor, action, target, details) on public.audit_log to authenticated;
alter table public.audit_log enable row level security;

create policy audit_log_select_auditor on public.audit_log for select to authenticated
  using ((select private.has_permission(tenant_id, 'audit.read')));
-- Any active member may record what they did, as themselves, in their own tenant.
create policy audit_log_insert_member on public.audit_log for insert to authenticated
  with check (actor = (select auth.uid()) and (select private.is_member(tenant_id)));
