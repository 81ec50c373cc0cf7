-- phone_numbers: assistants.read reads, numbers.manage writes, only the answering columns change, numbers are
-- E.164 and unique per tenant, answered by an assistant or a workflow (not both) of the same tenant only.
begin;
select plan(22);

select tests.create_two_tenants();

insert into public.assistants (id, tenant_id, vapi_id, name) values
  ('00000000-0000-4000-8000-0000000000a1', tests.get_tenant_id('pgTAP Alpha'), 'asst_a', 'Front desk'),
  ('00000000-0000-4000-8000-0000000000b1', tests.get_tenant_id('pgTAP Beta'), 'asst_b', 'Beta desk');
insert into public.workflows (id, tenant_id, vapi_id, name) values
  ('00000000-0000-4000-8000-0000000000a2', tests.get_tenant_id('pgTAP Alpha'), 'squad_a', 'Triage');
insert into public.phone_numbers (id, tenant_id, vapi_id, number, source) values
  ('00000000-0000-4000-8000-0000000000b3', tests.get_tenant_id('pgTAP Beta'), 'pn_b', '+14155550100', 'vapi');

select tests.authenticate_as('alice');
select lives_ok(
  $$ insert into public.phone_numbers (id, tenant_id, vapi_id, number, name, source, assistant_id)
     values ('00000000-0000-4000-8000-0000000000a3', tests.get_tenant_id('pgTAP Alpha'), 'pn_a', '+14155550100',
             'Main line', 'vapi', '00000000-0000-4000-8000-0000000000a1') $$,
  'an owner adds a number answered by an assistant (numbers.manage); B holding the same number is no matter'
);
select throws_ok(
  $$ insert into public.phone_numbers (tenant_id, vapi_id, number, source)
     values (tests.get_tenant_id('pgTAP Alpha'), 'pn_a2', '+14155550100', 'vapi') $$,
  '23505', null, 'a number is unique within a tenant'
);
select throws_ok(
  $$ insert into public.phone_numbers (tenant_id, vapi_id, number, source)
     values (tests.get_tenant_id('pgTAP Alpha'), 'pn_a', '+14155550111', 'vapi') $$,
  '23505', null, 'so is its Vapi id'
);
select throws_ok(
  $$ insert into public.phone_numbers (tenant_id, vapi_id, number, source)
     values (tests.get_tenant_id('pgTAP Alpha'), 'pn_x', '0612345678', 'vapi') $$,
  '23514', null, 'a number is E.164'
);
select throws_ok(
  $$ insert into public.phone_numbers (tenant_id, vapi_id, number, source)
     values (tests.get_tenant_id('pgTAP Alpha'), 'pn_y', '+14155550112', 'skype') $$,
  '23514', null, 'a source is vapi, twilio or pool'
);
select throws_ok(
  $$ update public.phone_numbers set name = repeat('n', 41) where vapi_id = 'pn_a' $$,
  '23514', null, 'a name is at most 40 characters'
);
select throws_ok(
  $$ update public.phone_numbers set workflow_id = '00000000-0000-4000-8000-0000000000a2' where vapi_id = 'pn_a' $$,
  '23514', null, 'a number is answered by an assistant or a workflow, not both'
);
select lives_ok(
  $$ update public.phone_numbers set assistant_id = null, workflow_id = '00000000-0000-4000-8000-0000000000a2'
     where vapi_id = 'pn_a' $$,
  'an owner hands the number to a workflow'
);
select throws_ok(
  $$ update public.phone_numbers set workflow_id = null, assistant_id = '00000000-0000-4000-8000-0000000000b1'
     where vapi_id = 'pn_a' $$,
  '23503', null, 'A cannot point its number at B''s assistant (composite foreign key)'
);
select throws_ok(
  $$ update public.phone_numbers set vapi_id = 'pn_moved' where vapi_id = 'pn_a' $$,
  '42501', null, 'a number''s Vapi id never changes (no update grant)'
);
select throws_ok(
  $$ update public.phone_numbers set tenant_id = tests.get_tenant_id('pgTAP Beta') where vapi_id = 'pn_a' $$,
  '42501', null, 'nor its tenant'
);
select throws_ok(
  $$ update public.phone_numbers set number = '+14155550199' where vapi_id = 'pn_a' $$,
  '42501', null, 'nor the number itself'
);

select tests.authenticate_as('adam');
select lives_ok(
  $$ update public.phone_numbers set workflow_id = null, assistant_id = '00000000-0000-4000-8000-0000000000a1'
     where vapi_id = 'pn_a' $$,
  'an admin reassigns it (numbers.manage)'
);

select tests.authenticate_as('vera');
select results_eq($$ select vapi_id from public.phone_numbers $$, array['pn_a'], 'a viewer reads A''s numbers only');
select is_empty(
  $$ update public.phone_numbers set assistant_id = null returning id $$, 'a viewer cannot reassign one'
);
select throws_ok(
  $$ insert into public.phone_numbers (tenant_id, vapi_id, number, source)
     values (tests.get_tenant_id('pgTAP Alpha'), 'pn_v', '+14155550113', 'vapi') $$,
  '42501', null, 'nor add one'
);

select tests.authenticate_as('ines');
select is_empty($$ delete from public.phone_numbers returning id $$, 'an agent cannot release one');

select tests.authenticate_as('bob');
select results_eq($$ select vapi_id from public.phone_numbers $$, array['pn_b'], 'B sees none of A''s numbers');
select throws_ok(
  $$ update public.phone_numbers set assistant_id = '00000000-0000-4000-8000-0000000000a1' where vapi_id = 'pn_b' $$,
  '23503', null, 'B cannot point its number at A''s assistant'
);
select is_empty(
  $$ update public.phone_numbers set name = 'Hijacked' where id = '00000000-0000-4000-8000-0000000000a3' returning id $$,
  'nor change A''s number'
);

select tests.authenticate_as('alice');
select lives_ok(
  $$ delete from public.assistants where id = '00000000-0000-4000-8000-0000000000a1' $$,
  'deleting the answering assistant'
);
select results_eq(
  $$ select assistant_id, workflow_id from public.phone_numbers $$, $$ values (null::uuid, null::uuid) $$,
  'leaves its number answered by nobody'
);

select * from finish();
rollback;
