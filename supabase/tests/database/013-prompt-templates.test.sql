-- prompt_templates and platform_admins: every signed-in user reads the templates, only platform admins write
-- them, one template per profession and language; the platform-admin flag is written by the service role
-- only, and a user sees only their own.
begin;
select plan(15);

select tests.create_user('pam');
select tests.create_user('alice');
select tests.create_tenant('alice', 'pgTAP Alpha');
insert into public.platform_admins (user_id) values (tests.get_user_id('pam'));

select tests.authenticate_as('pam');
select lives_ok(
  $$ insert into public.prompt_templates (profession, language, name, body)
     values ('pgtap_doctor', 'fr', 'Cabinet médical', 'Vous êtes l''assistant de [BUSINESS_NAME].') $$,
  'a platform admin writes a template'
);
select throws_ok(
  $$ insert into public.prompt_templates (profession, language, name, body)
     values ('pgtap_doctor', 'fr', 'Twin', 'Body') $$,
  '23505', null, 'one template per profession and language'
);
select throws_ok(
  $$ insert into public.prompt_templates (profession, language, name, body) values ('Doctor!', 'fr', 'Bad', 'Body') $$,
  '23514', null, 'a profession is a lowercase word'
);
select throws_ok(
  $$ insert into public.prompt_templates (profession, language, name, body) values ('pgtap_doctor', 'de', 'Arzt', 'Body') $$,
  '23514', null, 'a language is en or fr'
);
select throws_ok(
  $$ insert into public.prompt_templates (profession, language, name, body) values ('pgtap_lawyer', 'en', 'Empty', '') $$,
  '23514', null, 'a body is not empty'
);
select lives_ok(
  $$ update public.prompt_templates set first_message = 'Bonjour !' where profession = 'pgtap_doctor' $$,
  'a platform admin updates a template'
);
select results_eq(
  $$ select user_id from public.platform_admins $$, $$ values (tests.get_user_id('pam')) $$,
  'a platform admin sees their own flag'
);

select tests.authenticate_as('alice');
select results_eq(
  $$ select name from public.prompt_templates where profession = 'pgtap_doctor' $$, array['Cabinet médical'],
  'any signed-in user reads the templates'
);
select throws_ok(
  $$ insert into public.prompt_templates (profession, language, name, body) values ('pgtap_vet', 'en', 'Vet', 'Body') $$,
  '42501', null, 'a tenant owner cannot write a template'
);
select is_empty(
  $$ update public.prompt_templates set body = 'Hijacked' where profession = 'pgtap_doctor' returning id $$,
  'nor change one'
);
select is_empty(
  $$ delete from public.prompt_templates where profession = 'pgtap_doctor' returning id $$, 'nor delete one'
);
select is_empty($$ select user_id from public.platform_admins $$, 'a user sees no one else''s admin flag');
select throws_ok(
  $$ insert into public.platform_admins (user_id) values (tests.get_user_id('alice')) $$,
  '42501', null, 'nobody makes themselves a platform admin'
);

select tests.authenticate_as('pam');
select lives_ok(
  $$ delete from public.prompt_templates where profession = 'pgtap_doctor' $$, 'a platform admin deletes a template'
);

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.prompt_templates $$, '42501', null, 'anon reads no template');

select * from finish();
rollback;
