-- audit_log: append-only; a member writes entries as themselves in their own tenant; audit.read reads them.
begin;
select plan(15);

select tests.create_two_tenants();

select tests.authenticate_as('bob');
insert into public.audit_log (tenant_id, action, target) values (tests.get_tenant_id('pgTAP Beta'), 'settings.vapi_saved', 'vapi');

select tests.authenticate_as('alice');
select lives_ok(
  $$ insert into public.audit_log (tenant_id, action, target)
     values (tests.get_tenant_id('pgTAP Alpha'), 'settings.vapi_saved', 'vapi') $$,
  'a member records an action in their tenant'
);
select results_eq(
  $$ select actor, action from public.audit_log $$,
  $$ values (tests.get_user_id('alice'), 'settings.vapi_saved') $$,
  'the actor defaults to the caller, and an auditor sees only their tenant''s log'
);
select throws_ok(
  $$ insert into public.audit_log (tenant_id, actor, action)
     values (tests.get_tenant_id('pgTAP Alpha'), tests.get_user_id('vera'), 'team.member_removed') $$,
  '42501', null, 'an actor cannot write an entry as someone else'
);
select throws_ok(
  $$ insert into public.audit_log (tenant_id, action) values (tests.get_tenant_id('pgTAP Beta'), 'tenant.renamed') $$,
  '42501', null, 'a member of A cannot write into B''s log'
);
select throws_ok(
  $$ insert into public.audit_log (tenant_id, action, at)
     values (tests.get_tenant_id('pgTAP Alpha'), 'tenant.renamed', now() - interval '1 year') $$,
  '42501', null, 'the time of an entry cannot be backdated'
);
select throws_ok($$ update public.audit_log set action = 'tenant.renamed' $$, '42501', null, 'entries cannot be updated');
select throws_ok($$ delete from public.audit_log $$, '42501', null, 'entries cannot be deleted');
select is_empty(
  $$ select id from public.audit_log where tenant_id = tests.get_tenant_id('pgTAP Beta') $$,
  'a member of A cannot read B''s log'
);

select tests.authenticate_as('bob');
select throws_ok(
  $$ update public.audit_log set target = 'x' where tenant_id = tests.get_tenant_id('pgTAP Alpha') $$,
  '42501', null, 'a member of B cannot update A''s log'
);
select throws_ok(
  $$ delete from public.audit_log where tenant_id = tests.get_tenant_id('pgTAP Alpha') $$,
  '42501', null, 'a member of B cannot delete A''s log'
);

select tests.authenticate_as('vera');
select lives_ok(
  $$ insert into public.audit_log (tenant_id, action) values (tests.get_tenant_id('pgTAP Alpha'), 'calls.viewed') $$,
  'a viewer records their own action'
);
select is_empty($$ select id from public.audit_log $$, 'a viewer (no audit.read) cannot read the log');

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.audit_log $$, '42501', null, 'anon cannot read the log');
select throws_ok(
  $$ insert into public.audit_log (tenant_id, action) values (tests.get_tenant_id('pgTAP Alpha'), 'anon.was_here') $$,
  '42501', null, 'anon cannot write the log'
);

select tests.clear_authentication();
select results_eq(
  $$ select count(*)::int from public.audit_log where tenant_id = tests.get_tenant_id('pgTAP Alpha') $$,
  array[2], 'only the two legitimate entries reached A''s log'
);

select * from finish();
rollback;
