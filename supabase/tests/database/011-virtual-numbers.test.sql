-- virtual_numbers and the pool functions: platform admins keep the pool, a tenant sees only the numbers it
-- holds, claim_virtual_number hands out the oldest free number of a country once (null when there is none)
-- to a caller with numbers.manage, and release_virtual_number gives it back.
begin;
select plan(27);

select tests.create_user('pam');
select tests.create_two_tenants();
insert into public.platform_admins (user_id) values (tests.get_user_id('pam'));

select tests.authenticate_as('pam');
select lives_ok(
  $$ insert into public.virtual_numbers (id, number, country, provider, created_at) values
       (default, '+33100000002', 'FR', 'twilio', now() - interval '1 day'),
       (default, '+33100000001', 'FR', 'twilio', now() - interval '2 days'),
       ('00000000-0000-4000-8000-0000000000c1', '+32100000001', 'BE', 'telnyx', now() - interval '3 days'),
       (default, '+33100000009', 'FR', 'vonage', now()) $$,
  'a platform admin stocks the pool'
);
select throws_ok(
  $$ insert into public.virtual_numbers (number, country, provider) values ('0612345678', 'FR', 'twilio') $$,
  '23514', null, 'a pool number is E.164'
);
select throws_ok(
  $$ insert into public.virtual_numbers (number, country, provider) values ('+33100000003', 'France', 'twilio') $$,
  '23514', null, 'a country is two capital letters'
);
select throws_ok(
  $$ insert into public.virtual_numbers (number, country, provider) values ('+33100000004', 'FR', 'skype') $$,
  '23514', null, 'a provider is twilio, vonage or telnyx'
);
select throws_ok(
  $$ insert into public.virtual_numbers (number, country, provider) values ('+33100000001', 'FR', 'twilio') $$,
  '23505', null, 'a number is in the pool once'
);
select throws_ok(
  $$ insert into public.virtual_numbers (number, country, provider, tenant_id)
     values ('+33100000005', 'FR', 'twilio', tests.get_tenant_id('pgTAP Alpha')) $$,
  '23514', null, 'a held number has its assignment time (and a free one has none)'
);

select tests.authenticate_as('alice');
select is_empty($$ select number from public.virtual_numbers $$, 'a tenant sees none of the free numbers');
select throws_ok(
  $$ insert into public.virtual_numbers (number, country, provider) values ('+33100000006', 'FR', 'twilio') $$,
  '42501', null, 'only platform admins stock the pool'
);
select results_eq(
  $$ select number, tenant_id from public.claim_virtual_number(tests.get_tenant_id('pgTAP Alpha'), 'FR') $$,
  $$ values ('+33100000001', tests.get_tenant_id('pgTAP Alpha')) $$,
  'claim_virtual_number gives the oldest free number of the country'
);
select results_eq(
  $$ select number from public.virtual_numbers $$, array['+33100000001'],
  'the tenant now sees the number it holds, and only that one'
);
select is_empty(
  $$ update public.virtual_numbers set number = '+33100000007' returning id $$,
  'a holder cannot change a pool number'
);
select is_empty($$ delete from public.virtual_numbers returning id $$, 'nor delete it');
select throws_ok(
  $$ select public.claim_virtual_number(tests.get_tenant_id('pgTAP Beta'), 'FR') $$,
  '42501', null, 'nobody claims for a tenant they are not in'
);

select tests.authenticate_as('bob');
select results_eq(
  $$ select number from public.claim_virtual_number(tests.get_tenant_id('pgTAP Beta'), 'FR') $$,
  array['+33100000002'], 'the next tenant gets the next one, never the same'
);
select results_eq(
  $$ select number from public.claim_virtual_number(tests.get_tenant_id('pgTAP Beta'), 'FR') $$,
  array['+33100000009'], 'then the last free one'
);
select results_eq(
  $$ select number from public.claim_virtual_number(tests.get_tenant_id('pgTAP Beta'), 'FR') $$,
  array[null::text], 'null once the country has none left'
);
select results_eq(
  $$ select id from public.claim_virtual_number(tests.get_tenant_id('pgTAP Beta'), 'DE') $$,
  array[null::uuid], 'null for a country the pool does not serve'
);
select results_eq(
  $$ select number from public.virtual_numbers order by number $$, array['+33100000002', '+33100000009'],
  'B sees its own numbers, not A''s'
);
select throws_ok(
  $$ select public.release_virtual_number('00000000-0000-4000-8000-0000000000c1') $$,
  '42501', null, 'releasing a number nobody holds is refused'
);

select tests.authenticate_as('vera');
select results_eq(
  $$ select number from public.virtual_numbers $$, array['+33100000001'],
  'a viewer sees the numbers its tenant holds (assistants.read)'
);
select throws_ok(
  $$ select public.claim_virtual_number(tests.get_tenant_id('pgTAP Alpha'), 'BE') $$,
  '42501', null, 'a viewer cannot claim one (numbers.manage)'
);

select tests.authenticate_as('ines');
select throws_ok(
  $$ select public.claim_virtual_number(tests.get_tenant_id('pgTAP Alpha'), 'BE') $$,
  '42501', null, 'nor can an agent'
);

select tests.authenticate_as('pam');
select throws_ok(
  $$ select public.release_virtual_number(id) from public.virtual_numbers where number = '+33100000001' $$,
  '42501', null, 'releasing needs numbers.manage in the holding tenant, platform admin or not'
);
select is_empty(
  $$ delete from public.virtual_numbers where number = '+33100000001' returning id $$,
  'a platform admin cannot delete a held number'
);

select tests.authenticate_as('alice');
select lives_ok(
  $$ select public.release_virtual_number(id) from public.virtual_numbers where number = '+33100000001' $$,
  'the holder releases its number'
);

select tests.authenticate_as('pam');
select results_eq(
  $$ select tenant_id, assigned_at from public.virtual_numbers where number = '+33100000001' $$,
  $$ values (null::uuid, null::timestamptz) $$,
  'it is back in the pool'
);
select lives_ok(
  $$ delete from public.virtual_numbers where number = '+33100000001' $$,
  'and a platform admin may now delete it'
);

select * from finish();
rollback;
