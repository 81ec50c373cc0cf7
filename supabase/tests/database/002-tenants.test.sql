-- tenants: members read their own tenant, tenant.manage edits it, nobody inserts or deletes it directly.
begin;
select plan(16);

select tests.create_two_tenants();

select tests.authenticate_as('alice');
select results_eq($$ select name from public.tenants $$, array['pgTAP Alpha'], 'a member sees only their tenant');
select is_empty(
  $$ update public.tenants set name = 'Hijacked' where id = tests.get_tenant_id('pgTAP Beta') returning id $$,
  'a member of A cannot update tenant B'
);
select isnt_empty(
  $$ update public.tenants set name = 'pgTAP Alpha', language = 'en' where id = tests.get_tenant_id('pgTAP Alpha')
     returning id $$,
  'an owner updates their tenant'
);
select throws_ok(
  $$ update public.tenants set slug = 'other' where id = tests.get_tenant_id('pgTAP Alpha') $$,
  '42501', null, 'the slug cannot be changed by the API roles'
);
select throws_ok(
  $$ update public.tenants set timezone = 'Mars/Olympus' where id = tests.get_tenant_id('pgTAP Alpha') $$,
  '23514', null, 'an unknown time zone is rejected'
);
select throws_ok(
  $$ insert into public.tenants (name, slug, country) values ('Direct', 'direct', 'FR') $$,
  '42501', null, 'tenants are created only through create_tenant'
);
select throws_ok(
  $$ delete from public.tenants where id = tests.get_tenant_id('pgTAP Alpha') $$,
  '42501', null, 'the API roles cannot delete a tenant'
);

select tests.authenticate_as('bob');
select results_eq($$ select name from public.tenants $$, array['pgTAP Beta'], 'B sees only B');
select is_empty(
  $$ update public.tenants set name = 'Hijacked' where id = tests.get_tenant_id('pgTAP Alpha') returning id $$,
  'a member of B cannot update tenant A'
);

select tests.authenticate_as('vera');
select results_eq($$ select name from public.tenants $$, array['pgTAP Alpha'], 'a viewer sees their tenant');
select is_empty(
  $$ update public.tenants set name = 'Renamed' where id = tests.get_tenant_id('pgTAP Alpha') returning id $$,
  'a viewer cannot update the tenant (needs tenant.manage)'
);

select tests.clear_authentication();
update public.memberships set status = 'disabled'
where user_id = tests.get_user_id('vera') and tenant_id = tests.get_tenant_id('pgTAP Alpha');
select tests.authenticate_as('vera');
select is_empty($$ select id from public.tenants $$, 'a disabled member sees no tenant');

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.tenants $$, '42501', null, 'anon cannot read tenants');
select throws_ok(
  $$ insert into public.tenants (name, slug, country) values ('Anon', 'anon', 'FR') $$,
  '42501', null, 'anon cannot insert tenants'
);
select throws_ok($$ update public.tenants set name = 'x' $$, '42501', null, 'anon cannot update tenants');
select throws_ok($$ delete from public.tenants $$, '42501', null, 'anon cannot delete tenants');

select * from finish();
rollback;
