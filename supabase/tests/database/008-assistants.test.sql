-- assistants: assistants.read reads (viewer, agent), assistants.manage writes (owner, admin), tenants never see
-- or touch each other's rows, and the constraints (name length, language, unique vapi_id per tenant, a
-- knowledge base of the same tenant only) hold.
begin;
select plan(24);

select tests.create_two_tenants();

-- B's rows, written as the table owner with known ids.
insert into public.assistants (id, tenant_id, vapi_id, name)
values ('00000000-0000-4000-8000-0000000000b1', tests.get_tenant_id('pgTAP Beta'), 'asst_b', 'Beta desk');
insert into public.knowledge_bases (id, tenant_id, vapi_id, name)
values ('00000000-0000-4000-8000-0000000000b2', tests.get_tenant_id('pgTAP Beta'), 'kb_b', 'Beta FAQ');

select tests.authenticate_as('alice');
select lives_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name)
     values (tests.get_tenant_id('pgTAP Alpha'), 'asst_a', 'Front desk') $$,
  'an owner creates an assistant (assistants.manage)'
);
select results_eq($$ select name from public.assistants $$, array['Front desk'], 'an owner sees their tenant''s only');
select throws_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Alpha'), 'asst_a', 'Twin') $$,
  '23505', null, 'a Vapi id is unique within a tenant'
);
select throws_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name)
     values (tests.get_tenant_id('pgTAP Alpha'), 'asst_long', repeat('x', 41)) $$,
  '23514', null, 'a name is at most 40 characters (Vapi''s limit)'
);
select throws_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Alpha'), 'asst_blank', '   ') $$,
  '23514', null, 'nor blank'
);
select throws_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name, language)
     values (tests.get_tenant_id('pgTAP Alpha'), 'asst_lang', 'Lang', 'english') $$,
  '23514', null, 'a language is a language tag'
);
select throws_ok(
  $$ update public.assistants set knowledge_base_id = '00000000-0000-4000-8000-0000000000b2' where vapi_id = 'asst_a' $$,
  '23503', null, 'an assistant cannot use another tenant''s knowledge base (composite foreign key)'
);
select throws_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Beta'), 'asst_x', 'Intruder') $$,
  '42501', null, 'nobody writes into another tenant'
);
select is_empty(
  $$ update public.assistants set name = 'Hijacked' where id = '00000000-0000-4000-8000-0000000000b1' returning id $$,
  'nor updates its rows'
);
select is_empty(
  $$ delete from public.assistants where id = '00000000-0000-4000-8000-0000000000b1' returning id $$,
  'nor deletes them'
);
select throws_ok(
  $$ update public.assistants set tenant_id = tests.get_tenant_id('pgTAP Beta') where vapi_id = 'asst_a' $$,
  '42501', null, 'nor moves its own assistant into another tenant'
);

select tests.authenticate_as('adam');
select lives_ok(
  $$ update public.assistants set name = 'Reception', active = true where vapi_id = 'asst_a' $$,
  'an admin updates an assistant'
);
select lives_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name)
     values (tests.get_tenant_id('pgTAP Alpha'), 'asst_a2', 'Night line') $$,
  'and creates one'
);

select tests.authenticate_as('vera');
select results_eq(
  $$ select name from public.assistants order by name $$, array['Night line', 'Reception'],
  'a viewer reads them (assistants.read)'
);
select throws_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Alpha'), 'asst_v', 'Mine') $$,
  '42501', null, 'a viewer cannot create one (needs assistants.manage)'
);
select is_empty($$ update public.assistants set name = 'Renamed' returning id $$, 'nor rename one');
select is_empty($$ delete from public.assistants returning id $$, 'nor delete one');

select tests.authenticate_as('ines');
select results_eq(
  $$ select count(*)::int from public.assistants $$, array[2], 'an agent reads them (assistants.read)'
);
select throws_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Alpha'), 'asst_i', 'Mine') $$,
  '42501', null, 'an agent cannot create one'
);
select is_empty($$ update public.assistants set active = false returning id $$, 'nor change one');

select tests.authenticate_as('bob');
select results_eq($$ select name from public.assistants $$, array['Beta desk'], 'B sees none of A''s assistants');
select lives_ok(
  $$ insert into public.assistants (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Beta'), 'asst_a', 'Same id') $$,
  'the same Vapi id may exist in another tenant'
);
select is_empty(
  $$ delete from public.assistants where tenant_id = tests.get_tenant_id('pgTAP Alpha') returning id $$,
  'B cannot delete A''s assistants'
);

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.assistants $$, '42501', null, 'anon reads nothing');

select * from finish();
rollback;
