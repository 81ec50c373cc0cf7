-- workflows and workflow_steps: assistants.read reads, assistants.manage writes, a step belongs to a workflow
-- of its own tenant (composite foreign key), positions are unique per workflow (deferred, so steps can be
-- reordered), and steps follow their workflow when it is deleted.
begin;
select plan(20);

select tests.create_two_tenants();

insert into public.workflows (id, tenant_id, vapi_id, name)
values ('00000000-0000-4000-8000-0000000000b1', tests.get_tenant_id('pgTAP Beta'), 'squad_b', 'Beta triage');
insert into public.workflow_steps (tenant_id, workflow_id, position, name)
values (tests.get_tenant_id('pgTAP Beta'), '00000000-0000-4000-8000-0000000000b1', 0, 'Beta greeting');
-- Unique positions are checked at each statement's end from here on, not at commit (never reached here).
set constraints all immediate;

select tests.authenticate_as('alice');
select lives_ok(
  $$ insert into public.workflows (id, tenant_id, vapi_id, name)
     values ('00000000-0000-4000-8000-0000000000a1', tests.get_tenant_id('pgTAP Alpha'), 'squad_a', 'Triage') $$,
  'an owner creates a workflow'
);
select lives_ok(
  $$ insert into public.workflow_steps (tenant_id, workflow_id, position, name, transfer_number)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a1', 0, 'Greeting', null),
            (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a1', 1, 'Booking', '+33612345678') $$,
  'and its steps'
);
select throws_ok(
  $$ insert into public.workflow_steps (tenant_id, workflow_id, position, name)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a1', 1, 'Twin') $$,
  '23505', null, 'two steps of a workflow cannot share a position'
);
select lives_ok(
  $$ update public.workflow_steps set position = 1 - position
     where workflow_id = '00000000-0000-4000-8000-0000000000a1' $$,
  'steps are reordered in one statement (the constraint is deferrable)'
);
select results_eq(
  $$ select name from public.workflow_steps order by position $$, array['Booking', 'Greeting'],
  'an owner sees their tenant''s steps only, in their new order'
);
select throws_ok(
  $$ insert into public.workflow_steps (tenant_id, workflow_id, position, name, transfer_number)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a1', 2, 'Transfer', '0612345678') $$,
  '23514', null, 'a transfer number is E.164'
);
select throws_ok(
  $$ insert into public.workflow_steps (tenant_id, workflow_id, position, name)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a1', 2, repeat('s', 41)) $$,
  '23514', null, 'a step name is at most 40 characters (a Vapi assistant''s)'
);
select throws_ok(
  $$ insert into public.workflow_steps (tenant_id, workflow_id, position, name, handoffs)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a1', 2, 'Odd', '{}') $$,
  '23514', null, 'handoffs are an array'
);
select throws_ok(
  $$ insert into public.workflow_steps (tenant_id, workflow_id, position, name)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a1', -1, 'Before') $$,
  '23514', null, 'a position is not negative'
);
select throws_ok(
  $$ insert into public.workflows (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Alpha'), 'squad_a', 'Twin') $$,
  '23505', null, 'a squad id is unique within a tenant'
);
select throws_ok(
  $$ insert into public.workflow_steps (tenant_id, workflow_id, position, name)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000b1', 5, 'Intruder') $$,
  '23503', null, 'a step cannot join another tenant''s workflow (composite foreign key)'
);
select throws_ok(
  $$ insert into public.workflow_steps (tenant_id, workflow_id, position, name)
     values (tests.get_tenant_id('pgTAP Beta'), '00000000-0000-4000-8000-0000000000b1', 5, 'Intruder') $$,
  '42501', null, 'nor be written in another tenant'
);

select tests.authenticate_as('vera');
select results_eq(
  $$ select (select count(*) from public.workflows)::int, (select count(*) from public.workflow_steps)::int $$,
  $$ values (1, 2) $$,
  'a viewer reads workflows and steps (assistants.read)'
);
select throws_ok(
  $$ insert into public.workflows (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Alpha'), 'squad_v', 'Mine') $$,
  '42501', null, 'a viewer cannot create a workflow'
);
select is_empty($$ update public.workflow_steps set name = 'Renamed' returning id $$, 'nor change a step');

select tests.authenticate_as('ines');
select is_empty($$ delete from public.workflows returning id $$, 'an agent cannot delete a workflow');

select tests.authenticate_as('bob');
select results_eq(
  $$ select name from public.workflow_steps $$, array['Beta greeting'], 'B sees none of A''s steps'
);
select is_empty(
  $$ update public.workflows set name = 'Hijacked' where id = '00000000-0000-4000-8000-0000000000a1' returning id $$,
  'nor changes A''s workflow'
);

select tests.authenticate_as('alice');
select lives_ok(
  $$ delete from public.workflows where id = '00000000-0000-4000-8000-0000000000a1' $$,
  'an owner deletes a workflow'
);
select is_empty($$ select id from public.workflow_steps $$, 'its steps go with it');

select * from finish();
rollback;
