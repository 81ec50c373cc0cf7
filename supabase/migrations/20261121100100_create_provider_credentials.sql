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
create index provider_credentials_updated_by_idx on public.provider_credentials (updated_by);

-- Who and when come from the session, never from the caller (a service-role writer has no user: its
-- updated_by is kept as given).
create or replace function private.stamp_provider_credential() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  return new;
end
$$;

revoke execute on function private.stamp_provider_credential() from public;

create trigger provider_credentials_stamp before insert or update on public.provider_credentials
  for each row execute function private.stamp_provider_credential();

revoke all on public.provider_credentials from anon, authenticated;
grant select (id, tenant_id, provider, key_id, preview, updated_by, updated_at)
  on public.provider_credentials to authenticated;
grant insert (tenant_id, provider, ciphertext, key_id, preview), update (ciphertext, key_id, preview), delete
  on public.provider_credentials to authenticated;
alter table public.provider_credentials enable row level security;

create policy provider_credentials_select_reader on public.provider_credentials for select to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('settings.read')));
create policy provider_credentials_insert_manager on public.provider_credentials for insert to authenticated
  with check (tenant_id in (select private.tenant_ids_with_permission('settings.manage')));
create policy provider_credentials_update_manager on public.provider_credentials for update to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('settings.manage')))
  with check (tenant_id in (select private.tenant_ids_with_permission('settings.manage')));
create policy provider_credentials_delete_manager on public.provider_credentials for delete to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('settings.manage')));

-- Saving a credential (insert or replace), returning when it was saved. The caller's grants and RLS decide
-- (security invoker): without settings.manage it fails with 42501. The SET list repeats the parameters on
-- purpose: reading `excluded.ciphertext` would need SELECT on ciphertext, which the API roles never get.
create or replace function public.upsert_provider_credential(
  p_tenant_id uuid, p_provider text, p_ciphertext text, p_key_id text, p_preview text
) returns timestamptz
language sql volatile security invoker
set search_path = ''
as $$
  insert into public.provider_credentials as c (tenant_id, provider, ciphertext, key_id, preview)
  values (p_tenant_id, p_provider, p_ciphertext, p_key_id, p_preview)
  on conflict (tenant_id, provider) do update
    set ciphertext = p_ciphertext, key_id = p_key_id, preview = p_preview
  returning c.updated_at
$$;

revoke execute on function public.upsert_provider_credential(uuid, text, text, text, text) from public, anon;
grant execute on function public.upsert_provider_credential(uuid, text, text, text, text)
  to authenticated, service_role;
