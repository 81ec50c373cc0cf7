-- roles: members read their tenant's roles; team.manage manages custom roles within its own permissions;
-- system roles never change; the permission list is closed.
begin;
select plan(20);

select tests.create_two_tenants();

select tests.authenticate_as('alice');
select results_eq(
  $$ select name from public.roles order by name $$,
  array['admin', 'agent', 'owner', 'viewer'],
  'a member sees only their tenant''s roles'
);
select lives_ok(
  $$ insert into public.roles (tenant_id, name, permissions)
     values (tests.get_tenant_id('pgTAP Alpha'), 'receptionist', '{calls.read,inbox.read}') $$,
  'an owner creates a custom role'
);
select isnt_empty(
  $$ update public.roles set permissions = '{calls.read,inbox.read,inbox.reply}'
     where tenant_id = tests.get_tenant_id('pgTAP Alpha') and name = 'receptionist' returning id $$,
  'an owner edits a custom role'
);
select is_empty(
  $$ update public.roles set permissions = private.all_permissions()
     where tenant_id = tests.get_tenant_id('pgTAP Alpha') and name = 'viewer' returning id $$,
  'system roles cannot be edited, even by the owner'
);
select is_empty(
  $$ delete from public.roles where tenant_id = tests.get_tenant_id('pgTAP Alpha') and name = 'agent' returning id $$,
  'system roles cannot be deleted'
);
select throws_ok(
  $$ insert into public.roles (tenant_id, name, permissions, is_system)
     values (tests.get_tenant_id('pgTAP Alpha'), 'fake-system', '{}', true) $$,
  '42501', null, 'a role cannot be created as a system role'
);
-- As the table owner, so that the check constraint (not RLS) is what answers.
select tests.clear_authentication();
select throws_ok(
  $$ insert into public.roles (tenant_id, name, permissions)
     values (tests.get_tenant_id('pgTAP Alpha'), 'wizard', '{calls.read,spells.cast}') $$,
  '23514', null, 'the permissions check constraint rejects an unknown permission'
);
select tests.authenticate_as('alice');
select throws_ok(
  $$ insert into public.roles (tenant_id, name, permissions)
     values (tests.get_tenant_id('pgTAP Beta'), 'intruder', '{calls.read}') $$,
  '42501', null, 'a member of A cannot create a role in B'
);
select is_empty(
  $$ update public.roles set name = 'renamed' where tenant_id = tests.get_tenant_id('pgTAP Beta') returning id $$,
  'a member of A cannot update B''s roles'
);
select is_empty(
  $$ delete from public.roles where tenant_id = tests.get_tenant_id('pgTAP Beta') returning id $$,
  'a member of A cannot delete B''s roles'
);

select tests.authenticate_as('bob');
select is_empty(
  $$ select id from public.roles where tenant_id = tests.get_tenant_id('pgTAP Alpha') $$,
  'a member of B cannot read A''s roles'
);
select is_empty(
  $$ update public.roles set permissions = private.all_permissions()
     where tenant_id = tests.get_tenant_id('pgTAP Alpha') and name = 'receptionist' returning id $$,
  'a member of B cannot update A''s custom role'
);

select tests.authenticate_as('vera');
select throws_ok(
  $$ insert into public.roles (tenant_id, name, permissions)
     values (tests.get_tenant_id('pgTAP Alpha'), 'mine', '{calls.read}') $$,
  '42501', null, 'a viewer cannot create roles (needs team.manage)'
);
select is_empty(
  $$ update public.roles set permissions = '{}' where name = 'receptionist' returning id $$,
  'a viewer cannot edit roles'
);
select is_empty(
  $$ delete from public.roles where name = 'receptionist' returning id $$,
  'a viewer cannot delete roles'
);

select tests.authenticate_as('adam');
select throws_ok(
  $$ insert into public.roles (tenant_id, name, permissions)
     values (tests.get_tenant_id('pgTAP Alpha'), 'deleter', '{tenant.delete}') $$,
  '42501', null, 'an admin cannot create a role with a permission they lack'
);
select lives_ok(
  $$ insert into public.roles (tenant_id, name, permissions)
     values (tests.get_tenant_id('pgTAP Alpha'), 'night-shift', '{calls.read,inbox.reply}') $$,
  'an admin creates a role within their own permissions'
);

select tests.authenticate_as('alice');
select isnt_empty(
  $$ delete from public.roles where tenant_id = tests.get_tenant_id('pgTAP Alpha') and name = 'night-shift'
     returning id $$,
  'an owner deletes a custom role'
);

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.roles $$, '42501', null, 'anon cannot read roles');
select throws_ok(
  $$ insert into public.roles (tenant_id, name) values (tests.get_tenant_id('pgTAP Alpha'), 'anon') $$,
  '42501', null, 'anon cannot insert roles'
);

select * from finish();
rollback;
