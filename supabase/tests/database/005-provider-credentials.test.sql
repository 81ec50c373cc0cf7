-- provider_credentials: settings.read sees previews, settings.manage saves and deletes, nobody reads the
-- ciphertext through the API roles, and tenants never see each other's credentials.
begin;
select plan(26);

select tests.create_two_tenants();

select tests.authenticate_as('bob');
select public.upsert_provider_credential(tests.get_tenant_id('pgTAP Beta'), 'vapi', 'sealed-b', 'k1', 'sk_…beta');

select tests.authenticate_as('alice');
select lives_ok(
  $$ select public.upsert_provider_credential(tests.get_tenant_id('pgTAP Alpha'), 'vapi', 'sealed-1', 'k1', 'sk_…0001') $$,
  'an owner saves a credential'
);
select lives_ok(
  $$ select public.upsert_provider_credential(tests.get_tenant_id('pgTAP Alpha'), 'vapi', 'sealed-2', 'k2', 'sk_…0002') $$,
  'saving again replaces it'
);
select results_eq(
  $$ select provider, key_id, preview, updated_by from public.provider_credentials $$,
  $$ values ('vapi', 'k2', 'sk_…0002', tests.get_user_id('alice')) $$,
  'an owner sees the preview, the key id and who saved it, for their tenant only'
);
select lives_ok(
  $$ insert into public.provider_credentials (tenant_id, provider, ciphertext, key_id, preview)
     values (tests.get_tenant_id('pgTAP Alpha'), 'smtp', 'sealed-smtp', 'k2', '…word') $$,
  'an owner inserts a credential directly'
);
select throws_ok(
  $$ select ciphertext from public.provider_credentials $$,
  '42501', null, 'authenticated cannot select ciphertext'
);
select throws_ok($$ select * from public.provider_credentials $$, '42501', null, 'nor select * (it includes ciphertext)');
select throws_ok(
  $$ update public.provider_credentials set preview = preview where provider = 'vapi' returning ciphertext $$,
  '42501', null, 'nor return ciphertext from a write'
);
select throws_ok(
  $$ delete from public.provider_credentials where ciphertext like 'sealed%' $$,
  '42501', null, 'nor probe ciphertext in a filter'
);
select throws_ok(
  $$ insert into public.provider_credentials (tenant_id, provider, ciphertext, key_id, preview)
     values (tests.get_tenant_id('pgTAP Alpha'), 'vapi', 'sealed-3', 'k2', 'sk_…0003')
     on conflict (tenant_id, provider) do update set ciphertext = excluded.ciphertext $$,
  '42501', null, 'an ON CONFLICT upsert reading excluded.ciphertext needs SELECT on it: use upsert_provider_credential'
);
select throws_ok(
  $$ insert into public.provider_credentials (tenant_id, provider, ciphertext, key_id, preview, updated_by)
     values (tests.get_tenant_id('pgTAP Alpha'), 'graph', 'sealed-g', 'k2', '…g', tests.get_user_id('bob')) $$,
  '42501', null, 'updated_by cannot be forged'
);
select is_empty(
  $$ select id from public.provider_credentials where tenant_id = tests.get_tenant_id('pgTAP Beta') $$,
  'a member of A cannot read B''s credentials'
);
select throws_ok(
  $$ select public.upsert_provider_credential(tests.get_tenant_id('pgTAP Beta'), 'vapi', 'evil', 'k1', 'evil') $$,
  '42501', null, 'a member of A cannot save a credential for B'
);
select throws_ok(
  $$ insert into public.provider_credentials (tenant_id, provider, ciphertext, key_id, preview)
     values (tests.get_tenant_id('pgTAP Beta'), 'smtp', 'evil', 'k1', 'evil') $$,
  '42501', null, 'a member of A cannot insert a credential for B'
);
select is_empty(
  $$ update public.provider_credentials set preview = 'evil' where tenant_id = tests.get_tenant_id('pgTAP Beta')
     returning id $$,
  'a member of A cannot update B''s credentials'
);
select is_empty(
  $$ delete from public.provider_credentials where tenant_id = tests.get_tenant_id('pgTAP Beta') returning id $$,
  'a member of A cannot delete B''s credentials'
);

select tests.authenticate_as('vera');
select results_eq(
  $$ select preview from public.provider_credentials order by provider $$,
  array['…word', 'sk_…0002'],
  'a viewer (settings.read) sees the previews'
);
select throws_ok(
  $$ select public.upsert_provider_credential(tests.get_tenant_id('pgTAP Alpha'), 'vapi', 'v', 'k1', 'v') $$,
  '42501', null, 'a viewer cannot replace a credential (needs settings.manage)'
);
select throws_ok(
  $$ insert into public.provider_credentials (tenant_id, provider, ciphertext, key_id, preview)
     values (tests.get_tenant_id('pgTAP Alpha'), 'twilio', 'v', 'k1', 'v') $$,
  '42501', null, 'a viewer cannot add a credential'
);
select is_empty(
  $$ update public.provider_credentials set preview = 'v' returning id $$, 'a viewer cannot update a credential'
);
select is_empty(
  $$ delete from public.provider_credentials returning id $$, 'a viewer cannot delete a credential'
);

select tests.authenticate_as('ines');
select is_empty($$ select id from public.provider_credentials $$, 'an agent (no settings.read) sees no credential');

select tests.authenticate_as('alice');
select isnt_empty(
  $$ delete from public.provider_credentials where provider = 'smtp' returning id $$, 'an owner deletes a credential'
);

select tests.clear_authentication();
select results_eq(
  $$ select ciphertext from public.provider_credentials where tenant_id = tests.get_tenant_id('pgTAP Alpha') $$,
  array['sealed-2'],
  'the stored ciphertext is the last one saved, and B''s is untouched by A'
);

select tests.authenticate_as_anon();
select throws_ok($$ select preview from public.provider_credentials $$, '42501', null, 'anon cannot read credentials');
select throws_ok(
  $$ select public.upsert_provider_credential(tests.get_tenant_id('pgTAP Alpha'), 'vapi', 'a', 'k1', 'a') $$,
  '42501', null, 'anon cannot call upsert_provider_credential'
);
select throws_ok($$ delete from public.provider_credentials $$, '42501', null, 'anon cannot delete credentials');

select * from finish();
rollback;
