-- memberships: members see their tenant's team; team.manage adds, changes and removes members, but only
-- with roles it could hold itself (no escalation to owner, no removing the owner).
begin;
select plan(21);

select tests.create_user('alice');
select tests.create_user('bob');
select tests.create_user('vera');
select tests.create_user('adam');
select tests.create_user('carl');
select tests.create_tenant('alice', 'pgTAP Alpha');
select tests.create_tenant('bob', 'pgTAP Beta');
select tests.add_member(tests.get_tenant_id('pgTAP Alpha'), 'vera', 'viewer');
select tests.add_member(tests.get_tenant_id('pgTAP Alpha'), 'adam', 'admin');

select tests.authenticate_as('alice');
select results_eq(
  $$ select count(*)::int from public.memberships $$, array[3], 'an owner sees their tenant''s three members'
);
select lives_ok(
  $$ insert into public.memberships (tenant_id, user_id, role_id)
     values (tests.get_tenant_id('pgTAP Alpha'), tests.get_user_id('carl'),
             tests.get_role_id(tests.get_tenant_id('pgTAP Alpha'), 'agent')) $$,
  'an owner adds a member'
);
select isnt_empty(
  $$ update public.memberships set role_id = tests.get_role_id(tests.get_tenant_id('pgTAP Alpha'), 'admin')
     where user_id = tests.get_user_id('carl') returning user_id $$,
  'an owner promotes a member to admin'
);
select throws_ok(
  $$ update public.memberships set user_id = tests.get_user_id('bob') where user_id = tests.get_user_id('carl') $$,
  '42501', null, 'a membership cannot be moved to another user'
);
select throws_ok(
  $$ insert into public.memberships (tenant_id, user_id, role_id)
     values (tests.get_tenant_id('pgTAP Alpha'), tests.get_user_id('bob'),
             tests.get_role_id(tests.get_tenant_id('pgTAP Beta'), 'viewer')) $$,
  '42501', null, 'a member cannot get a role of another tenant'
);
select throws_ok(
  $$ insert into public.memberships (tenant_id, user_id, role_id)
     values (tests.get_tenant_id('pgTAP Beta'), tests.get_user_id('alice'),
             tests.get_role_id(tests.get_tenant_id('pgTAP Beta'), 'owner')) $$,
  '42501', null, 'a member of A cannot join B'
);
select is_empty(
  $$ update public.memberships set status = 'disabled' where tenant_id = tests.get_tenant_id('pgTAP Beta')
     returning user_id $$,
  'a member of A cannot update B''s memberships'
);
select is_empty(
  $$ delete from public.memberships where tenant_id = tests.get_tenant_id('pgTAP Beta') returning user_id $$,
  'a member of A cannot delete B''s memberships'
);

select tests.authenticate_as('bob');
select is_empty(
  $$ select user_id from public.memberships where tenant_id = tests.get_tenant_id('pgTAP Alpha') $$,
  'a member of B cannot read A''s memberships'
);
select results_eq(
  $$ select user_id from public.memberships $$, array[tests.get_user_id('bob')], 'B sees only B''s team'
);

select tests.authenticate_as('vera');
select throws_ok(
  $$ insert into public.memberships (tenant_id, user_id, role_id)
     values (tests.get_tenant_id('pgTAP Alpha'), tests.get_user_id('bob'),
             tests.get_role_id(tests.get_tenant_id('pgTAP Alpha'), 'viewer')) $$,
  '42501', null, 'a viewer cannot add members (needs team.manage)'
);
select is_empty(
  $$ update public.memberships set role_id = tests.get_role_id(tests.get_tenant_id('pgTAP Alpha'), 'owner')
     where user_id = tests.get_user_id('vera') returning user_id $$,
  'a viewer cannot change roles, not even their own'
);
select is_empty(
  $$ delete from public.memberships where user_id = tests.get_user_id('carl') returning user_id $$,
  'a viewer cannot remove members'
);

select tests.authenticate_as('adam');
select throws_ok(
  $$ update public.memberships set role_id = tests.get_role_id(tests.get_tenant_id('pgTAP Alpha'), 'owner')
     where user_id = tests.get_user_id('adam') $$,
  '42501', null, 'an admin cannot make themselves owner'
);
select is_empty(
  $$ update public.memberships set role_id = tests.get_role_id(tests.get_tenant_id('pgTAP Alpha'), 'viewer')
     where user_id = tests.get_user_id('alice') returning user_id $$,
  'an admin cannot demote the owner'
);
select is_empty(
  $$ delete from public.memberships where user_id = tests.get_user_id('alice') returning user_id $$,
  'an admin cannot remove the owner'
);
select isnt_empty(
  $$ update public.memberships set role_id = tests.get_role_id(tests.get_tenant_id('pgTAP Alpha'), 'agent')
     where user_id = tests.get_user_id('carl') returning user_id $$,
  'an admin changes another admin''s role within their own permissions'
);

select tests.authenticate_as('alice');
select isnt_empty(
  $$ delete from public.memberships where user_id = tests.get_user_id('carl') returning user_id $$,
  'an owner removes a member'
);

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.memberships $$, '42501', null, 'anon cannot read memberships');
select throws_ok(
  $$ insert into public.memberships (tenant_id, user_id, role_id)
     values (tests.get_tenant_id('pgTAP Alpha'), tests.get_user_id('bob'),
             tests.get_role_id(tests.get_tenant_id('pgTAP Alpha'), 'owner')) $$,
  '42501', null, 'anon cannot insert memberships'
);
select throws_ok($$ delete from public.memberships $$, '42501', null, 'anon cannot delete memberships');

select * from finish();
rollback;
