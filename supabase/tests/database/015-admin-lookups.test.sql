-- The platform admin's lookups across tenants (private.admin_search_tenants, admin_tenant_names,
-- admin_tenant_profile): a platform admin reads any tenant without being a member; anyone else, member or not,
-- gets 42501; the profile names the tenant's owner; search treats % and _ literally.
begin;
select plan(10);

select tests.create_user('pam');
select tests.create_user('alice');
select tests.create_tenant('alice', 'pgTAP Lookup 100% A');
select tests.create_tenant('alice', 'pgTAP Lookup_x');
update auth.users set raw_user_meta_data = raw_user_meta_data || '{"full_name": "Alice Owner"}'
  where id = tests.get_user_id('alice');
update public.tenants set owner_phone = '+33612345678' where name = 'pgTAP Lookup 100% A';
insert into public.platform_admins (user_id) values (tests.get_user_id('pam'));

select tests.authenticate_as('alice');
select throws_ok(
  $$ select * from private.admin_search_tenants('pgTAP', null, null, 10) $$,
  '42501', null, 'a tenant owner who is not a platform admin cannot search tenants'
);
select throws_ok(
  $$ select * from private.admin_tenant_names(array(select id from public.tenants)) $$,
  '42501', null, 'nor read tenant names'
);
select throws_ok(
  $$ select * from private.admin_tenant_profile((select id from public.tenants limit 1)) $$,
  '42501', null, 'nor read a profile, even of a tenant they own'
);

select tests.authenticate_as('pam');
select results_eq(
  $$ select name from private.admin_search_tenants('pgtap lookup', null, null, 10) $$,
  $$ values ('pgTAP Lookup 100% A'::text), ('pgTAP Lookup_x'::text) $$,
  'a platform admin finds tenants by part of their name, any case, in name order'
);
select results_eq(
  $$ select name from private.admin_search_tenants('100%', null, null, 10) $$,
  $$ values ('pgTAP Lookup 100% A'::text) $$,
  '% is matched literally'
);
select results_eq(
  $$ select name from private.admin_search_tenants('p_x', null, null, 10) $$,
  $$ values ('pgTAP Lookup_x'::text) $$,
  '_ is matched literally'
);
select results_eq(
  $$ select name from private.admin_search_tenants('pgTAP Lookup', 'pgTAP Lookup 100% A',
       (select id from private.admin_search_tenants('100%', null, null, 1)), 10) $$,
  $$ values ('pgTAP Lookup_x'::text) $$,
  'the next page starts after the cursor'
);
select results_eq(
  $$ select user_name, owner_phone, country from private.admin_tenant_profile(
       (select id from private.admin_search_tenants('100%', null, null, 1))) $$,
  $$ values ('Alice Owner'::text, '+33612345678'::text, 'FR'::text) $$,
  'a profile carries the owner''s full name and phone'
);
select is_empty(
  $$ select * from private.admin_tenant_profile(gen_random_uuid()) $$,
  'no profile for a tenant that does not exist'
);
select is(
  (select count(*)::int from private.admin_tenant_names(
    array(select id from private.admin_search_tenants('pgTAP Lookup', null, null, 10)))),
  2,
  'tenant names by id'
);

select * from finish();
rollback;
