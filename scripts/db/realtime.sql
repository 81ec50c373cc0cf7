-- What Supabase Realtime provides in a project's database, recreated on a plain Postgres (PGlite or Postgres
-- 15) for the local stack: `realtime.messages` (where Broadcast from Database writes, and whose RLS policies
-- authorize private channels), `realtime.topic()` (the topic being authorized), `realtime.send` and
-- `realtime.broadcast_changes`. Signatures and behaviour follow Supabase's; applied by migrate.ts only when
-- `realtime.messages` does not exist, so never on Supabase. The local realtime server (scripts/realtime/)
-- reads new rows of `realtime.messages` and delivers them to the subscribers the policies let in.

create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role;

create table if not exists realtime.messages (
  id bigint generated always as identity primary key,
  topic text not null,
  extension text not null default 'broadcast',
  event text,
  payload jsonb,
  private boolean not null default true,
  inserted_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists messages_inserted_at_idx on realtime.messages (inserted_at);
alter table realtime.messages enable row level security;
grant select, insert on realtime.messages to anon, authenticated;
grant all on realtime.messages to service_role;

-- The topic of the channel being joined: set by the realtime server while it checks the policies.
create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into realtime.messages (payload, event, topic, private, extension)
  values (payload, event, topic, private, 'broadcast');
exception when others then
  -- As on Supabase: a broadcast that fails never fails the transaction that sent it.
  raise warning 'realtime.send failed: %', sqlerrm;
end
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  row_data jsonb := case when new is null then null else to_jsonb(new) end;
  old_data jsonb := case when old is null then null else to_jsonb(old) end;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  perform realtime.send(
    jsonb_build_object('old_record', old_data, 'record', row_data, 'operation', operation,
      'table', table_name, 'schema', table_schema),
    event_name, topic_name, true);
end
$$;

grant execute on function realtime.topic() to anon, authenticated, service_role;
grant execute on function realtime.send(jsonb, text, text, boolean) to authenticated, service_role;
grant execute on function realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  to authenticated, service_role;
