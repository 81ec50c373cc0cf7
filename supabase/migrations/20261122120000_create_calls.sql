-- Calls: every call Vapi reports to a tenant's webhook, the raw events behind it, the jobs that finish the
-- work outside the request (recording copies, push notifications, reconciliation, retention), the members'
-- notifications and devices, and each tenant's retention. Webhooks and jobs write as service_role (they
-- resolved the tenant themselves); members read through RLS. Live changes go out as Broadcast from
-- Database on private topics authorized by policies on realtime.messages.

-- Permissions: listening to recordings, exporting and erasing calls join calls.read (mirrors
-- shared/permissions.ts).
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
    'calls.read', 'calls.listen', 'calls.export', 'calls.erase',
    'inbox.read', 'inbox.reply',
    'channels.read', 'channels.manage',
    'templates.manage',
    'messages.send',
    'audit.read'
  ]::text[]
$$;

-- Erasing a caller's data is the owner's: admins get everything else.
create or replace function private.default_role_permissions(role_name text) returns text[]
language sql immutable
set search_path = ''
as $$
  select case role_name
    when 'owner' then private.all_permissions()
    when 'admin' then array_remove(array_remove(private.all_permissions(), 'tenant.delete'), 'calls.erase')
    when 'agent' then array['team.read', 'assistants.read', 'calls.read', 'calls.listen', 'inbox.read',
                            'inbox.reply', 'channels.read', 'messages.send']::text[]
    when 'viewer' then array['settings.read', 'team.read', 'assistants.read', 'calls.read', 'inbox.read',
                             'channels.read']::text[]
  end
$$;

update public.roles set permissions = private.default_role_permissions(name) where is_system;

-- Calls ------------------------------------------------------------------------------------------------
-- A call points at the tenant's own number only (composite key, as assistants and workflows already allow).
alter table public.phone_numbers add constraint phone_numbers_tenant_id_id_key unique (tenant_id, id);

-- The webhook looks a call's assistant, squad and number up by their Vapi ids in every tenant (to refuse
-- another tenant's): the unique keys lead with tenant_id, so these lead with vapi_id.
create index assistants_vapi_id_idx on public.assistants (vapi_id);
create index workflows_vapi_id_idx on public.workflows (vapi_id);
create index phone_numbers_vapi_id_idx on public.phone_numbers (vapi_id);

create table public.calls (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  vapi_call_id text not null check (char_length(vapi_call_id) between 1 and 200),
  assistant_id uuid,
  workflow_id uuid,
  phone_number_id uuid,
  direction text not null default 'inbound' check (direction in ('inbound', 'outbound', 'web')),
  from_number text check (char_length(from_number) <= 64),
  to_number text check (char_length(to_number) <= 64),
  -- Vapi's call states; a call only moves forward through them (the webhook never moves one back).
  status text not null default 'queued'
    check (status in ('queued', 'ringing', 'in-progress', 'forwarding', 'ended')),
  -- When the call started (Vapi's startedAt), else when it was created: the list's order.
  started_at timestamptz not null,
  ended_at timestamptz,
  duration_s integer check (duration_s >= 0),
  cost numeric(12, 4) check (cost >= 0),
  costs jsonb,
  ended_reason text check (char_length(ended_reason) <= 200),
  summary text,
  structured_data jsonb,
  success_evaluation text check (char_length(success_evaluation) <= 2000),
  transcript text,
  messages jsonb,
  -- The end-of-call report arrived (or reconciliation filled the call in from Vapi's GET /call).
  report_at timestamptz,
  recording_state text not null default 'none'
    check (recording_state in ('none', 'pending', 'stored', 'failed', 'deleted')),
  recording_source_url text,
  recording_path text,
  recording_content_type text,
  recording_error text,
  recording_attempts integer not null default 0,
  -- Transcripts and summaries searched in French and English alike (either stemming matches).
  search tsvector generated always as (
    to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(transcript, ''))
      || to_tsvector('french', coalesce(summary, '') || ' ' || coalesce(transcript, ''))
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, vapi_call_id),
  unique (tenant_id, id),
  check (ended_at is null or ended_at >= started_at - interval '1 minute'),
  foreign key (tenant_id, assistant_id) references public.assistants (tenant_id, id)
    on delete set null (assistant_id),
  foreign key (tenant_id, workflow_id) references public.workflows (tenant_id, id)
    on delete set null (workflow_id),
  foreign key (tenant_id, phone_number_id) references public.phone_numbers (tenant_id, id)
    on delete set null (phone_number_id)
);
-- The list: newest first, keyset on (started_at, id); the filters narrow within a tenant.
create index calls_tenant_started_idx on public.calls (tenant_id, started_at desc, id desc);
create index calls_tenant_assistant_idx on public.calls (tenant_id, assistant_id, started_at desc, id desc);
create index calls_tenant_number_idx on public.calls (tenant_id, phone_number_id, started_at desc, id desc);
create index calls_tenant_from_idx on public.calls (tenant_id, from_number);
create index calls_live_idx on public.calls (tenant_id, started_at desc) where status <> 'ended';
create index calls_search_idx on public.calls using gin (search);
create index calls_assistant_idx on public.calls (assistant_id);
create index calls_workflow_idx on public.calls (workflow_id);
create index calls_phone_number_idx on public.calls (phone_number_id);
create index calls_recording_idx on public.calls (tenant_id) where recording_state = 'stored';

create trigger set_updated_at before update on public.calls
  for each row execute function private.set_updated_at();

-- Every server message received, redacted, with the key that makes a redelivery a no-op.
create table public.call_events (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  call_id uuid,
  type text not null check (char_length(type) between 1 and 100),
  delivery_key text not null check (char_length(delivery_key) between 1 and 200),
  payload jsonb not null,
  received_at timestamptz not null default now(),
  unique (tenant_id, delivery_key),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade
);
create index call_events_call_idx on public.call_events (call_id, received_at, id);

-- Rejected webhook deliveries per tenant (bad or missing signature): shown in Settings.
create table public.webhook_rejections (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  provider text not null check (provider in ('vapi')),
  rejected integer not null default 0 check (rejected >= 0),
  last_rejected_at timestamptz,
  last_reason text check (char_length(last_reason) <= 200),
  primary key (tenant_id, provider)
);

-- Retention: how long calls and recordings are kept; null keeps them forever.
create table public.call_retention (
  tenant_id uuid primary key references public.tenants (id) on delete cascade,
  calls_days integer check (calls_days between 1 and 3650),
  recordings_days integer check (recordings_days between 1 and 3650),
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null,
  check (recordings_days is null or calls_days is null or recordings_days <= calls_days)
);
create index call_retention_updated_by_idx on public.call_retention (updated_by);
create trigger set_updated_at before update on public.call_retention
  for each row execute function private.set_updated_at();

-- Notifications ---------------------------------------------------------------------------------------
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in ('call_completed', 'call_missed')),
  title text not null check (char_length(title) <= 200),
  body text check (char_length(body) <= 2000),
  call_id uuid,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade,
  unique (user_id, kind, call_id)
);
create index notifications_user_idx on public.notifications (user_id, tenant_id, created_at desc, id desc);
create index notifications_unread_idx on public.notifications (user_id, tenant_id) where read_at is null;
create index notifications_call_idx on public.notifications (call_id);
create index notifications_tenant_idx on public.notifications (tenant_id);

-- What each member wants, per tenant and kind; no row means everything on.
create table public.notification_preferences (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in ('call_completed', 'call_missed')),
  in_app boolean not null default true,
  push boolean not null default true,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id, kind)
);
create index notification_preferences_user_idx on public.notification_preferences (user_id);
create trigger set_updated_at before update on public.notification_preferences
  for each row execute function private.set_updated_at();

-- A member's phones (Expo push tokens): the user's, whatever the tenant.
create table public.push_devices (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  token text not null unique check (token ~ '^(Exponent|Expo)PushToken\[[A-Za-z0-9_-]{1,200}\]$'),
  platform text check (platform in ('ios', 'android', 'web')),
  device_name text check (char_length(device_name) <= 120),
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create index push_devices_user_idx on public.push_devices (user_id);

-- Jobs -------------------------------------------------------------------------------------------------
-- A Postgres queue: workers take due jobs with `for update skip locked`, retry with backoff, and keep the
-- last error. A dedupe key makes enqueueing the same work twice a no-op while it is pending.
create table public.jobs (
  id bigint generated always as identity primary key,
  tenant_id uuid references public.tenants (id) on delete cascade,
  kind text not null check (kind ~ '^[a-z][a-z0-9_.-]{0,60}$'),
  payload jsonb not null default '{}',
  dedupe_key text check (char_length(dedupe_key) <= 300),
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 8 check (max_attempts between 1 and 100),
  next_run_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create unique index jobs_dedupe_idx on public.jobs (dedupe_key) where state in ('queued', 'running');
create index jobs_due_idx on public.jobs (next_run_at, id) where state in ('queued', 'running');
create index jobs_tenant_idx on public.jobs (tenant_id);
create trigger set_updated_at before update on public.jobs
  for each row execute function private.set_updated_at();

-- Grants and policies ----------------------------------------------------------------------------------
revoke all on public.calls, public.call_events, public.webhook_rejections, public.call_retention,
  public.notifications, public.notification_preferences, public.push_devices, public.jobs
  from anon, authenticated;
alter table public.calls enable row level security;
alter table public.call_events enable row level security;
alter table public.webhook_rejections enable row level security;
alter table public.call_retention enable row level security;
alter table public.notifications enable row level security;
alter table public.notification_preferences enable row level security;
alter table public.push_devices enable row level security;
alter table public.jobs enable row level security;

-- Calls are written by the webhook and the jobs only; members read them, and an owner erases them.
grant select, delete on public.calls to authenticated;
create policy calls_select_reader on public.calls for select to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('calls.read')));
create policy calls_delete_eraser on public.calls for delete to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('calls.erase')));

grant select on public.call_events to authenticated;
create policy call_events_select_reader on public.call_events for select to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('calls.read')));

grant select on public.webhook_rejections to authenticated;
create policy webhook_rejections_select_reader on public.webhook_rejections for select to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('settings.read')));

grant select, insert, update, delete on public.call_retention to authenticated;
create policy call_retention_select_reader on public.call_retention for select to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('settings.read')));
create policy call_retention_insert_manager on public.call_retention for insert to authenticated
  with check (tenant_id in (select private.tenant_ids_with_permission('settings.manage')));
create policy call_retention_update_manager on public.call_retention for update to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('settings.manage')))
  with check (tenant_id in (select private.tenant_ids_with_permission('settings.manage')));
create policy call_retention_delete_manager on public.call_retention for delete to authenticated
  using (tenant_id in (select private.tenant_ids_with_permission('settings.manage')));

-- A member's own notifications in the tenants they still belong to; they may only mark them read.
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
create policy notifications_select_own on public.notifications for select to authenticated
  using (user_id = (select auth.uid()) and tenant_id in (select private.tenant_ids_for_current_user()));
create policy notifications_update_own on public.notifications for update to authenticated
  using (user_id = (select auth.uid()) and tenant_id in (select private.tenant_ids_for_current_user()))
  with check (user_id = (select auth.uid()));

grant select, insert, update, delete on public.notification_preferences to authenticated;
create policy notification_preferences_own on public.notification_preferences for all to authenticated
  using (user_id = (select auth.uid()) and tenant_id in (select private.tenant_ids_for_current_user()))
  with check (user_id = (select auth.uid()) and tenant_id in (select private.tenant_ids_for_current_user()));

grant select, insert, delete on public.push_devices to authenticated;
grant update (platform, device_name, last_used_at) on public.push_devices to authenticated;
create policy push_devices_own on public.push_devices for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- jobs: service_role only (no policy for the API roles).

-- Registering a token another user registered (a phone that changed hands) moves it: the owner of a token is
-- whoever holds the phone now. Security definer because the old row is invisible to the new user.
create or replace function public.register_push_device(p_token text, p_platform text, p_device_name text)
returns public.push_devices
language plpgsql
security definer
set search_path = ''
as $$
declare
  device public.push_devices;
begin
  if (select auth.uid()) is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  insert into public.push_devices (user_id, token, platform, device_name, last_used_at)
  values ((select auth.uid()), p_token, p_platform, p_device_name, now())
  on conflict (token) do update
    set user_id = excluded.user_id, platform = excluded.platform, device_name = excluded.device_name,
        last_used_at = now()
  returning * into device;
  return device;
end
$$;
revoke execute on function public.register_push_device(text, text, text) from public, anon;
grant execute on function public.register_push_device(text, text, text) to authenticated;

-- Notify a tenant's members about a call: one in-app notification for each active member who may read
-- calls and has not turned this kind off. Returns how many were created (0 on a redelivery).
create or replace function private.notify_call(p_call_id uuid, p_kind text, p_title text, p_body text)
returns integer
language sql
security definer
set search_path = ''
as $$
  with inserted as (
    insert into public.notifications (tenant_id, user_id, kind, title, body, call_id)
    select c.tenant_id, m.user_id, p_kind, p_title, p_body, c.id
    from public.calls c
    join public.memberships m on m.tenant_id = c.tenant_id and m.status = 'active'
    join public.roles r on r.id = m.role_id and 'calls.read' = any (r.permissions)
    left join public.notification_preferences p
      on p.tenant_id = c.tenant_id and p.user_id = m.user_id and p.kind = p_kind
    where c.id = p_call_id and coalesce(p.in_app, true)
    on conflict (user_id, kind, call_id) do nothing
    returning 1
  )
  select count(*)::integer from inserted
$$;
revoke execute on function private.notify_call(uuid, text, text, text) from public, anon, authenticated;
grant execute on function private.notify_call(uuid, text, text, text) to service_role;

-- The push tokens of the members who want this kind of notification on their phones.
create or replace function private.push_recipients(p_tenant_id uuid, p_kind text)
returns table (user_id uuid, token text)
language sql stable
security definer
set search_path = ''
as $$
  select d.user_id, d.token
  from public.memberships m
  join public.roles r on r.id = m.role_id and 'calls.read' = any (r.permissions)
  join public.push_devices d on d.user_id = m.user_id
  left join public.notification_preferences p
    on p.tenant_id = m.tenant_id and p.user_id = m.user_id and p.kind = p_kind
  where m.tenant_id = p_tenant_id and m.status = 'active' and coalesce(p.push, true)
$$;
revoke execute on function private.push_recipients(uuid, text) from public, anon, authenticated;
grant execute on function private.push_recipients(uuid, text) to service_role;

-- Realtime ---------------------------------------------------------------------------------------------
-- Topics: `tenant:<tenant id>:calls` (members who read calls) and `user:<user id>:notifications` (that
-- user). Broadcasts carry the list's fields only: the transcript and the rest come from GET /calls/:id.
create or replace function private.topic_readable(topic text) returns boolean
language plpgsql stable
security definer
set search_path = ''
as $$
declare
  parts text[] := string_to_array(topic, ':');
begin
  if topic is null or array_length(parts, 1) <> 3 then
    return false;
  end if;
  if parts[1] = 'user' and parts[3] = 'notifications' then
    return parts[2] = (select auth.uid())::text;
  end if;
  if parts[1] = 'tenant' and parts[3] = 'calls'
     and parts[2] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return private.has_permission(parts[2]::uuid, 'calls.read');
  end if;
  return false;
end
$$;
revoke execute on function private.topic_readable(text) from public, anon;
grant execute on function private.topic_readable(text) to authenticated, service_role;

create policy messages_read_own_topics on realtime.messages for select to authenticated
  using (extension = 'broadcast' and (select private.topic_readable((select realtime.topic()))));

create or replace function private.broadcast_call() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform realtime.send(
    jsonb_build_object(
      'id', new.id, 'vapi_call_id', new.vapi_call_id, 'status', new.status, 'direction', new.direction,
      'from_number', new.from_number, 'to_number', new.to_number, 'assistant_id', new.assistant_id,
      'workflow_id', new.workflow_id, 'phone_number_id', new.phone_number_id, 'started_at', new.started_at,
      'ended_at', new.ended_at, 'duration_s', new.duration_s, 'cost', new.cost,
      'ended_reason', new.ended_reason, 'summary', new.summary, 'success_evaluation', new.success_evaluation,
      'recording_state', new.recording_state),
    'call_changed', 'tenant:' || new.tenant_id || ':calls', true);
  return null;
end
$$;
create trigger broadcast_call after insert or update of status, ended_at, summary, recording_state, cost
  on public.calls for each row execute function private.broadcast_call();

create or replace function private.broadcast_notification() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform realtime.send(
    jsonb_build_object('id', new.id, 'tenant_id', new.tenant_id, 'kind', new.kind, 'title', new.title,
      'body', new.body, 'call_id', new.call_id, 'read_at', new.read_at, 'created_at', new.created_at),
    'notification', 'user:' || new.user_id || ':notifications', true);
  return null;
end
$$;
create trigger broadcast_notification after insert on public.notifications
  for each row execute function private.broadcast_notification();

revoke execute on function private.broadcast_call(), private.broadcast_notification() from public, anon,
  authenticated;
