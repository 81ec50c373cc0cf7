-- create_tenant: the only way to create a tenant; makes the caller its owner with the four system roles.
begin;
select plan(12);

select tests.create_user('alice');
select tests.create_user('bob');

select tests.authenticate_as('alice');
select is(
  (select slug from public.create_tenant('Cabinet pgTAP', 'cabinet-pgtap', 'FR', 'fr', 'Europe/Paris', 'doctor')),
  'cabinet-pgtap', 'the requested slug is used when free'
);
select is(
  (select slug from public.create_tenant('Cabinet pgTAP', 'cabinet-pgtap', 'FR', 'fr', 'Europe/Paris', 'doctor')),
  'cabinet-pgtap-2', 'a taken slug gets -2'
);
select is(
  (select slug from public.create_tenant('Cabinet pgTAP', 'cabinet-pgtap', 'FR', 'fr', 'Europe/Paris', 'doctor')),
  'cabinet-pgtap-3', 'then -3'
);
select results_eq(
  $$ select r.name, r.permissions, r.is_system from public.roles r
     join public.tenants t on t.id = r.tenant_id where t.slug = 'cabinet-pgtap' order by r.name $$,
  $$ select n, private.default_role_permissions(n), true from unnest(array['admin', 'agent', 'owner', 'viewer']) n $$,
  'the four system roles carry their default permissions'
);
select results_eq(
  $$ select m.user_id, r.name, m.status from public.memberships m join public.roles r on r.id = m.role_id
     join public.tenants t on t.id = m.tenant_id where t.slug = 'cabinet-pgtap' $$,
  $$ values (tests.get_user_id('alice'), 'owner', 'active') $$,
  'the creator is the only member, as active owner'
);
select is(
  private.current_permissions((select id from public.tenants where slug = 'cabinet-pgtap')),
  private.all_permissions(),
  'the owner holds every permission'
);
select throws_ok(
  $$ select public.create_tenant('Lost', 'lost', 'FR', 'fr', 'Mars/Olympus', 'doctor') $$,
  '22023', null, 'an unknown time zone is rejected with 22023'
);
select throws_ok(
  $$ select public.create_tenant('Bad', 'Not A Slug', 'FR', 'fr', 'UTC', 'doctor') $$,
  '23514', null, 'an invalid slug is rejected'
);
select throws_ok(
  $$ select public.create_tenant('Bad', 'bad', 'FR', 'de', 'UTC', 'doctor') $$,
  '23514', null, 'an unsupported language is rejected'
);

select tests.authenticate_as('bob');
select is_empty(
  $$ select id from public.tenants where slug like 'cabinet-pgtap%' $$, 'another user does not see those tenants'
);

select tests.authenticate_as_anon();
select throws_ok(
  $$ select public.create_tenant('Anon', 'anon', 'FR', 'fr', 'UTC', 'other') $$,
  '42501', null, 'anon cannot call create_tenant'
);

-- An authenticated role without a user (no sub claim) is refused too.
select set_config('role', 'authenticated', true), set_config('request.jwt.claims', '{"role": "authenticated"}', true);
select throws_ok(
  $$ select public.create_tenant('Nobody', 'nobody', 'FR', 'fr', 'UTC', 'other') $$,
  '42501', 'not authenticated', 'create_tenant needs a user'
);

select * from finish();
rollback;
