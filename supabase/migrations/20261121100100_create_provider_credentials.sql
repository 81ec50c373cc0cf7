-- Tenant credentials for providers (Vapi, later SMTP, WhatsApp…), sealed by the functions with
-- AES-256-GCM before they reach the database. The API roles can never read the ciphertext column.

create table public.provider_credentials (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  provider text not null check (provider ~ '^[a-z][a-z0-9_.-]{1,40}$'),
  ciphertext text not null,
  key_id text not null,
  preview text not null,
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  unique (tenant_id, provider)
);

revoke all on public.provider_credentials from anon, authenticated;
grant select (id, tenant_id, provider, key_id, preview, updated_by, updated_at)
  on public.provider_credentials to authenticated;
grant insert (tenant_id, provider, ciphertext, key_id, preview, updated_by),
  update (ciphertext, key_id, preview, updated_by, updated_at),
  delete
  on public.provider_credentials to authenticated;
alter table public.provider_credentials enable row level security;

create policy provider_credentials_select_reader on public.provider_credentials for select to authenticated
  using ((select private.has_permission(tenant_id, 'settings.read')));
create policy provider_credentials_insert_manager on public.provider_credentials for insert to authenticated
  with check ((select private.has_permission(tenant_id, 'settings.manage')));
create policy provider_credentials_update_manager on public.provider_credentials for update to authenticated
  using ((select private.has_permission(tenant_id, 'settings.manage')))
  with check ((select private.has_permission(tenant_id, 'settings.manage')));
create policy provider_credentials_delete_manager on public.provider_credentials for delete to authenticated
  using ((select private.has_permission(tenant_id, 'settings.manage')));
