-- Schema-wide guards: they fail as soon as a new table, function or grant forgets the rules.
begin;
select plan(11);

select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity $$,
  'every table in public has row level security enabled'
);

select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
       and has_table_privilege('anon', c.oid, 'select, insert, update, delete, truncate, references, trigger')
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                       and d.deptype = 'e') $$,
  'anon holds no privilege on any table in public'
);

select is_empty(
  $$ select p.tablename || '.' || p.policyname from pg_policies p
     where p.schemaname = 'public' and p.roles <> '{authenticated}' $$,
  'every policy in public applies to authenticated only'
);

select is_empty(
  $$ select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where p.prosecdef and n.nspname in ('public', 'private')
       and not coalesce(p.proconfig @> array['search_path=""'], false) $$,
  'every security definer function pins search_path to an empty string'
);

select is_empty(
  $$ select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')
       and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid
                       and d.deptype = 'e') $$,
  'anon can execute none of our functions'
);

select ok(not has_schema_privilege('anon', 'private', 'usage'), 'anon cannot use the private schema');

-- Policies filter on tenant_id (or tenants.id): each such column must lead an index (RLS performance).
select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where n.nspname = 'public' and c.relkind = 'r'
       and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum) $$,
  'every tenant_id column leads an index'
);

-- Deleting a user or a tenant follows foreign keys: each referencing column must lead an index.
select is_empty(
  $$ select con.conrelid::regclass || '.' || a.attname
     from pg_constraint con join pg_namespace n on n.oid = con.connamespace
     join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
     where con.contype = 'f' and n.nspname = 'public'
       and not exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indkey[0] = con.conkey[1]) $$,
  'every foreign key column leads an index'
);

select ok(
  not has_column_privilege('authenticated', 'public.provider_credentials', 'ciphertext', 'select'),
  'authenticated has no select privilege on provider_credentials.ciphertext'
);

select is(
  (select count(*)::int from unnest(private.all_permissions()) p),
  (select count(distinct p)::int from unnest(private.all_permissions()) p),
  'the permission list has no duplicates'
);

-- The updated_at convention (see the migration that introduced private.set_updated_at).
select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attname = 'updated_at' and not a.attisdropped
     where n.nspname = 'public' and c.relkind = 'r'
       and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal
                       and t.tgfoid = 'private.set_updated_at()'::regprocedure) $$,
  'every table with updated_at stamps it with private.set_updated_at()'
);

select * from finish();
rollback;
