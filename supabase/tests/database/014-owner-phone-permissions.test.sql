-- The voice migration's changes to existing tables: a tenant's owner_phone (E.164, written by tenant.manage)
-- and the permissions numbers.manage and knowledge.manage, known to the check and granted to the owner and
-- admin system roles only.
begin;
select plan(12);

select tests.create_two_tenants();

select ok(
  private.all_permissions() @> array['numbers.manage', 'knowledge.manage'],
  'numbers.manage and knowledge.manage are known permissions'
);
select results_eq(
  $$ select name, permissions @> array['numbers.manage', 'knowledge.manage'] from public.roles
     where tenant_id = tests.get_tenant_id('pgTAP Alpha') order by name $$,
  $$ values ('admin', true), ('agent', false), ('owner', true), ('viewer', false) $$,
  'the owner and admin system roles hold both; agent and viewer neither'
);
select throws_ok(
  $$ update public.roles set permissions = array['numbers.destroy'] where tenant_id = tests.get_tenant_id('pgTAP Alpha') and name = 'agent' $$,
  '23514', null, 'an unknown permission is still refused'
);

select tests.authenticate_as('adam');
select ok(
  private.has_permission(tests.get_tenant_id('pgTAP Alpha'), 'numbers.manage'),
  'an admin holds numbers.manage in the tenant'
);

select tests.authenticate_as('ines');
select ok(
  not private.has_permission(tests.get_tenant_id('pgTAP Alpha'), 'knowledge.manage'),
  'an agent does not hold knowledge.manage'
);

select tests.authenticate_as('alice');
select lives_ok(
  $$ update public.tenants set owner_phone = '+33612345678' where id = tests.get_tenant_id('pgTAP Alpha') $$,
  'an owner sets the owner''s phone'
);
select throws_ok(
  $$ update public.tenants set owner_phone = '06 12 34 56 78' where id = tests.get_tenant_id('pgTAP Alpha') $$,
  '23514', null, 'the owner''s phone is E.164'
);
select lives_ok(
  $$ update public.tenants set owner_phone = null where id = tests.get_tenant_id('pgTAP Alpha') $$,
  'and may be cleared'
);
select is_empty(
  $$ update public.tenants set owner_phone = '+33600000000' where id = tests.get_tenant_id('pgTAP Beta') returning id $$,
  'nobody sets another tenant''s phone'
);

select tests.authenticate_as('vera');
select is_empty(
  $$ update public.tenants set owner_phone = '+33600000000' returning id $$,
  'a viewer cannot set it (tenant.manage)'
);
select results_eq(
  $$ select owner_phone from public.tenants $$, array[null::text], 'but reads it'
);

select tests.authenticate_as('bob');
select is_empty(
  $$ select owner_phone from public.tenants where id = tests.get_tenant_id('pgTAP Alpha') $$,
  'B does not see A''s phone'
);

select * from finish();
rollback;
