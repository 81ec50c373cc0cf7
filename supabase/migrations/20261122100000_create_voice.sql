-- Voice: what a tenant runs on its own Vapi account (assistants, workflows compiled to squads, phone numbers,
-- files, knowledge bases), the platform's pool of virtual numbers and its default prompt templates, and the
-- platform admins who keep those two. Every Vapi-backed row keeps its Vapi id (unique per tenant), the last
-- payload synced with Vapi and that payload's hash, so drift made in Vapi's dashboard can be detected.

-- Permissions: numbers.manage and knowledge.manage join the list (mirrors shared/permissions.ts).
create or replace function private.all_permissions() returns text[]
language sql immutable
set search_path = ''
as $$
  select array[
    'tenant.manage', 'tenant.delete',
    'settings.read', 'settings.manage',
    'team.read', 'team.manage',
    'assistants.read', 'assistants.manage',
    'numbers.manage', 'knowledge.manage',
    'calls.read',
    'inbox.read', 'inbox.reply',
    'channels.read', 'channels.manage',
    'templates.manage',
    'messages.send',
    'audit.read'
  ]::text[]
$$;

-- Existing tenants' system roles follow the new defaults (owner and admin gain the two permissions).
update public.roles set permissions = private.default_role_permissions(name) where is_system;

-- The owner's own phone (E.164): the country of the virtual-number pool, and where calls fall back to when
-- no assistant answers.
alter table public.tenants add column owner_phone text check (owner_phone ~ '^\+[1-9][0-9]{6,14}$');
grant update (owner_phone) on public.tenants to authenticated;

-- Platform admins ------------------------------------------------------------------------------------
-- A flag on the user, not a tenant role: written only by the service role (seed, operators).
create table public.platform_admins (
  user_id uuid primary key references auth.users (id) on delete cascade,
  created_at timestamptz not null default now()
);

create or replace function private.is_platform_admin() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.platform_admins a where a.user_id = (select auth.uid()))
$$;
revoke execute on function private.is_platform_admin() from public;
grant execute on function private.is_platform_admin() to authenticated, service_role;

revoke all on public.platform_admins from anon, authenticated;
grant select on public.platform_admins to authenticated;
alter table public.platform_admins enable row level security;
create policy platform_admins_select_self on public.platform_admins for select to authenticated
  using (user_id = (select auth.uid()));

-- Prompt templates (platform) ------------------------------------------------------------------------
-- One per profession and language; profession 'default' serves every profession without its own. The body's
-- [PLACEHOLDERS] are filled from the tenant profile when an assistant starts from it.
create table public.prompt_templates (
  id uuid primary key default gen_random_uuid(),
  profession text not null check (profession ~ '^[a-z_]{1,40}$'),
  language text not null check (language in ('en', 'fr')),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  first_message text not null default '' check (char_length(first_message) <= 1000),
  body text not null check (char_length(body) between 1 and 20000),
  updated_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (profession, language)
);
create index prompt_templates_updated_by_idx on public.prompt_templates (updated_by);
create trigger set_updated_at before update on public.prompt_templates
  for each row execute function private.set_updated_at();

revoke all on public.prompt_templates from anon, authenticated;
grant select, insert, update, delete on public.prompt_templates to authenticated;
alter table public.prompt_templates enable row level security;
create policy prompt_templates_select_all on public.prompt_templates for select to authenticated using (true);
create policy prompt_templates_insert_admin on public.prompt_templates for insert to authenticated
  with check ((select private.is_platform_admin()));
create policy prompt_templates_update_admin on public.prompt_templates for update to authenticated
  using ((select private.is_platform_admin())) with check ((select private.is_platform_admin()));
create policy prompt_templates_delete_admin on public.prompt_templates for delete to authenticated
  using ((select private.is_platform_admin()));

-- Knowledge: files and knowledge bases ----------------------------------------------------------------
create table public.files (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  vapi_id text not null check (char_length(vapi_id) between 1 and 100),
  name text not null check (char_length(btrim(name)) between 1 and 255),
  mime_type text not null check (char_length(mime_type) between 1 and 255),
  bytes bigint not null check (bytes >= 0),
  status text not null default 'processing' check (status in ('processing', 'ready', 'failed')),
  error text,
  vapi_payload jsonb not null default '{}',
  vapi_hash text not null default '',
  synced_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, vapi_id),
  unique (tenant_id, id)
);
create index files_tenant_created_idx on public.files (tenant_id, created_at desc, id);
create index files_created_by_idx on public.files (created_by);

create table public.knowledge_bases (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  vapi_id text not null check (char_length(vapi_id) between 1 and 100),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  description text not null default '' check (char_length(description) <= 1000),
  vapi_payload jsonb not null default '{}',
  vapi_hash text not null default '',
  synced_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, vapi_id),
  unique (tenant_id, id)
);
create index knowledge_bases_tenant_created_idx on public.knowledge_bases (tenant_id, created_at desc, id);
create index knowledge_bases_created_by_idx on public.knowledge_bases (created_by);

create table public.knowledge_base_files (
  tenant_id uuid not null,
  knowledge_base_id uuid not null,
  file_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (knowledge_base_id, file_id),
  foreign key (tenant_id, knowledge_base_id) references public.knowledge_bases (tenant_id, id) on delete cascade,
  foreign key (tenant_id, file_id) references public.files (tenant_id, id) on delete cascade
);
create index knowledge_base_files_tenant_file_idx on public.knowledge_base_files (tenant_id, file_id);

-- Assistants -----------------------------------------------------------------------------------------
create table public.assistants (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  vapi_id text not null check (char_length(vapi_id) between 1 and 100),
  -- Vapi caps an assistant's name at 40 characters.
  name text not null check (char_length(btrim(name)) between 1 and 40),
  first_message text not null default '' check (char_length(first_message) <= 1000),
  system_prompt text not null default '' check (char_length(system_prompt) <= 20000),
  language text not null default 'en' check (language ~ '^[a-z]{2}(-[A-Z]{2})?$'),
  voice jsonb,
  model jsonb,
  transcriber jsonb,
  end_call_phrases text[] not null default '{}',
  recording_enabled boolean not null default true,
  summary_prompt text check (char_length(summary_prompt) <= 5000),
  structured_data_schema jsonb,
  knowledge_base_id uuid,
  template_id uuid references public.prompt_templates (id) on delete set null,
  active boolean not null default false,
  last_call_at timestamptz,
  vapi_payload jsonb not null default '{}',
  vapi_hash text not null default '',
  synced_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, vapi_id),
  unique (tenant_id, id),
  foreign key (tenant_id, knowledge_base_id) references public.knowledge_bases (tenant_id, id)
    on delete set null (knowledge_base_id)
);
create index assistants_tenant_created_idx on public.assistants (tenant_id, created_at desc, id);
create index assistants_knowledge_base_idx on public.assistants (knowledge_base_id);
create index assistants_template_idx on public.assistants (template_id);
create index assistants_created_by_idx on public.assistants (created_by);

-- Workflows (compiled to Vapi squads) ----------------------------------------------------------------
create table public.workflows (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  -- The squad's id in Vapi.
  vapi_id text not null check (char_length(vapi_id) between 1 and 100),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  description text not null default '' check (char_length(description) <= 1000),
  vapi_payload jsonb not null default '{}',
  vapi_hash text not null default '',
  synced_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, vapi_id),
  unique (tenant_id, id)
);
create index workflows_tenant_created_idx on public.workflows (tenant_id, created_at desc, id);
create index workflows_created_by_idx on public.workflows (created_by);

-- A step is one squad member: an assistant with its own prompt, and the steps it may hand the call to.
create table public.workflow_steps (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  workflow_id uuid not null,
  position int not null check (position >= 0),
  name text not null check (char_length(btrim(name)) between 1 and 40),
  first_message text not null default '' check (char_length(first_message) <= 1000),
  system_prompt text not null default '' check (char_length(system_prompt) <= 20000),
  -- [{ "to_step_id": uuid, "condition": text }]: when to hand over, and to which step.
  handoffs jsonb not null default '[]' check (jsonb_typeof(handoffs) = 'array'),
  -- A human to transfer the call to from this step (E.164), if any.
  transfer_number text check (transfer_number ~ '^\+[1-9][0-9]{6,14}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id, workflow_id) references public.workflows (tenant_id, id) on delete cascade,
  -- Deferred, so steps can be reordered in one statement or transaction.
  unique (workflow_id, position) deferrable initially deferred
);
create index workflow_steps_tenant_idx on public.workflow_steps (tenant_id, workflow_id);
create trigger set_updated_at before update on public.workflow_steps
  for each row execute function private.set_updated_at();

-- Virtual numbers (platform pool) --------------------------------------------------------------------
create table public.virtual_numbers (
  id uuid primary key default gen_random_uuid(),
  number text not null unique check (number ~ '^\+[1-9][0-9]{6,14}$'),
  country text not null check (country ~ '^[A-Z]{2}$'),
  provider text not null check (provider in ('twilio', 'vonage', 'telnyx')),
  -- The tenant holding it; null while it waits in the pool.
  tenant_id uuid references public.tenants (id) on delete set null,
  assigned_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((tenant_id is null) = (assigned_at is null))
);
create index virtual_numbers_tenant_idx on public.virtual_numbers (tenant_id);
create index virtual_numbers_available_idx on public.virtual_numbers (country, created_at) where tenant_id is null;
create index virtual_numbers_created_by_idx on public.virtual_numbers (created_by);

-- Phone numbers -------------------------------------------------------------------------------------
create table public.phone_numbers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  vapi_id text not null check (char_length(vapi_id) between 1 and 100),
  number text not null check (number ~ '^\+[1-9][0-9]{6,14}$'),
  name text check (char_length(btrim(name)) between 1 and 40),
  -- How the tenant got it: a free Vapi number, its own Twilio number, or one from the platform's pool.
  source text not null check (source in ('vapi', 'twilio', 'pool')),
  status text not null default 'active' check (status ~ '^[a-z-]{1,40}$'),
  -- What answers it: an assistant (when active) or a workflow; neither is allowed.
  assistant_id uuid,
  workflow_id uuid,
  virtual_number_id uuid unique references public.virtual_numbers (id) on delete restrict,
  vapi_payload jsonb not null default '{}',
  vapi_hash text not null default '',
  synced_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, vapi_id),
  unique (tenant_id, number),
  check (assistant_id is null or workflow_id is null),
  foreign key (tenant_id, assistant_id) references public.assistants (tenant_id, id)
    on delete set null (assistant_id),
  foreign key (tenant_id, workflow_id) references public.workflows (tenant_id, id)
    on delete set null (workflow_id)
);
create index phone_numbers_tenant_created_idx on public.phone_numbers (tenant_id, created_at desc, id);
create index phone_numbers_assistant_idx on public.phone_numbers (assistant_id);
create index phone_numbers_workflow_idx on public.phone_numbers (workflow_id);
create index phone_numbers_created_by_idx on public.phone_numbers (created_by);

-- updated_at, grants and policies of the tenant tables -------------------------------------------------
do $$
declare
  t text;
  read_perm text;
  write_perm text;
begin
  for t, read_perm, write_perm in values
    ('files', 'assistants.read', 'knowledge.manage'),
    ('knowledge_bases', 'assistants.read', 'knowledge.manage'),
    ('knowledge_base_files', 'assistants.read', 'knowledge.manage'),
    ('assistants', 'assistants.read', 'assistants.manage'),
    ('workflows', 'assistants.read', 'assistants.manage'),
    ('workflow_steps', 'assistants.read', 'assistants.manage'),
    ('phone_numbers', 'assistants.read', 'numbers.manage')
  loop
    if t not in ('knowledge_base_files', 'workflow_steps') then
      execute format('create trigger set_updated_at before update on public.%I
        for each row execute function private.set_updated_at()', t);
    end if;
    execute format('revoke all on public.%I from anon, authenticated', t);
    execute format('grant select, insert, update, delete on public.%I to authenticated', t);
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy %I on public.%I for select to authenticated
      using (tenant_id in (select private.tenant_ids_with_permission(%L)))', t || '_select_reader', t, read_perm);
    execute format('create policy %I on public.%I for insert to authenticated
      with check (tenant_id in (select private.tenant_ids_with_permission(%L)))', t || '_insert_manager', t,
      write_perm);
    execute format('create policy %I on public.%I for update to authenticated
      using (tenant_id in (select private.tenant_ids_with_permission(%L)))
      with check (tenant_id in (select private.tenant_ids_with_permission(%L)))', t || '_update_manager', t,
      write_perm, write_perm);
    execute format('create policy %I on public.%I for delete to authenticated
      using (tenant_id in (select private.tenant_ids_with_permission(%L)))', t || '_delete_manager', t,
      write_perm);
  end loop;
end
$$;

-- Assigning an assistant or a workflow to a number needs numbers.manage (the policy above); a number's
-- tenant and Vapi id never move.
revoke update on public.phone_numbers from authenticated;
grant update (name, status, assistant_id, workflow_id, vapi_payload, vapi_hash, synced_at)
  on public.phone_numbers to authenticated;

-- The pool: platform admins keep it; a tenant sees the numbers it holds.
create trigger set_updated_at before update on public.virtual_numbers
  for each row execute function private.set_updated_at();
revoke all on public.virtual_numbers from anon, authenticated;
grant select, insert, update, delete on public.virtual_numbers to authenticated;
alter table public.virtual_numbers enable row level security;
create policy virtual_numbers_select on public.virtual_numbers for select to authenticated
  using ((select private.is_platform_admin())
         or tenant_id in (select private.tenant_ids_with_permission('assistants.read')));
create policy virtual_numbers_insert_admin on public.virtual_numbers for insert to authenticated
  with check ((select private.is_platform_admin()));
create policy virtual_numbers_update_admin on public.virtual_numbers for update to authenticated
  using ((select private.is_platform_admin())) with check ((select private.is_platform_admin()));
create policy virtual_numbers_delete_admin on public.virtual_numbers for delete to authenticated
  using ((select private.is_platform_admin()) and tenant_id is null);

-- Taking a number from the pool: the oldest free one of the country, locked so two tenants never get the
-- same; null when the pool has none. Security definer (tenants cannot see free numbers), acting only for a
-- caller who holds numbers.manage in the tenant.
create or replace function public.claim_virtual_number(p_tenant_id uuid, p_country text)
returns public.virtual_numbers
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v public.virtual_numbers;
begin
  if not private.has_permission(p_tenant_id, 'numbers.manage') then
    raise exception 'numbers.manage is required' using errcode = '42501';
  end if;
  select * into v from public.virtual_numbers
  where tenant_id is null and country = p_country
  order by created_at, id
  limit 1
  for update skip locked;
  if not found then
    return null;
  end if;
  update public.virtual_numbers set tenant_id = p_tenant_id, assigned_at = now()
  where id = v.id returning * into v;
  return v;
end
$$;

-- Giving a number back to the pool (when the tenant releases it).
create or replace function public.release_virtual_number(p_id uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  holder uuid;
begin
  select tenant_id into holder from public.virtual_numbers where id = p_id for update;
  if holder is null or not private.has_permission(holder, 'numbers.manage') then
    raise exception 'numbers.manage is required' using errcode = '42501';
  end if;
  update public.virtual_numbers set tenant_id = null, assigned_at = null where id = p_id;
end
$$;

revoke execute on function public.claim_virtual_number(uuid, text), public.release_virtual_number(uuid)
  from public, anon;
grant execute on function public.claim_virtual_number(uuid, text), public.release_virtual_number(uuid)
  to authenticated, service_role;
