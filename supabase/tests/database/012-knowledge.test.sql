-- files, knowledge_bases and knowledge_base_files: assistants.read reads, knowledge.manage writes, a knowledge
-- base only lists files of its own tenant (composite foreign keys), and links go with their file.
begin;
select plan(19);

select tests.create_two_tenants();

insert into public.files (id, tenant_id, vapi_id, name, mime_type, bytes)
values ('00000000-0000-4000-8000-0000000000b1', tests.get_tenant_id('pgTAP Beta'), 'file_b', 'beta.pdf',
        'application/pdf', 10);
insert into public.knowledge_bases (id, tenant_id, vapi_id, name)
values ('00000000-0000-4000-8000-0000000000b2', tests.get_tenant_id('pgTAP Beta'), 'kb_b', 'Beta FAQ');

select tests.authenticate_as('alice');
select lives_ok(
  $$ insert into public.files (id, tenant_id, vapi_id, name, mime_type, bytes)
     values ('00000000-0000-4000-8000-0000000000a1', tests.get_tenant_id('pgTAP Alpha'), 'file_a', 'prices.pdf',
             'application/pdf', 2048) $$,
  'an owner uploads a file (knowledge.manage)'
);
select lives_ok(
  $$ insert into public.knowledge_bases (id, tenant_id, vapi_id, name)
     values ('00000000-0000-4000-8000-0000000000a2', tests.get_tenant_id('pgTAP Alpha'), 'kb_a', 'FAQ') $$,
  'and creates a knowledge base'
);
select lives_ok(
  $$ insert into public.knowledge_base_files (tenant_id, knowledge_base_id, file_id)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a2',
             '00000000-0000-4000-8000-0000000000a1') $$,
  'and puts the file in it'
);
select throws_ok(
  $$ insert into public.knowledge_base_files (tenant_id, knowledge_base_id, file_id)
     values (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a2',
             '00000000-0000-4000-8000-0000000000b1') $$,
  '23503', null, 'a knowledge base cannot hold another tenant''s file (composite foreign key)'
);
select throws_ok(
  $$ insert into public.knowledge_base_files (tenant_id, knowledge_base_id, file_id)
     values (tests.get_tenant_id('pgTAP Beta'), '00000000-0000-4000-8000-0000000000b2',
             '00000000-0000-4000-8000-0000000000b1') $$,
  '42501', null, 'nor can A link files in B'
);
select throws_ok(
  $$ insert into public.files (tenant_id, vapi_id, name, mime_type, bytes)
     values (tests.get_tenant_id('pgTAP Alpha'), 'file_a', 'again.pdf', 'application/pdf', 1) $$,
  '23505', null, 'a file''s Vapi id is unique within a tenant'
);
select throws_ok(
  $$ insert into public.files (tenant_id, vapi_id, name, mime_type, bytes)
     values (tests.get_tenant_id('pgTAP Alpha'), 'file_neg', 'neg.pdf', 'application/pdf', -1) $$,
  '23514', null, 'a size is not negative'
);
select throws_ok(
  $$ update public.files set status = 'done' where vapi_id = 'file_a' $$,
  '23514', null, 'a status is processing, ready or failed'
);
select throws_ok(
  $$ insert into public.knowledge_bases (tenant_id, vapi_id, name)
     values (tests.get_tenant_id('pgTAP Alpha'), 'kb_long', repeat('k', 121)) $$,
  '23514', null, 'a knowledge base name is at most 120 characters'
);

select tests.authenticate_as('adam');
select lives_ok(
  $$ update public.files set status = 'ready' where vapi_id = 'file_a' $$, 'an admin updates a file'
);

select tests.authenticate_as('vera');
select results_eq(
  $$ select (select count(*) from public.files)::int, (select count(*) from public.knowledge_bases)::int,
            (select count(*) from public.knowledge_base_files)::int $$,
  $$ values (1, 1, 1) $$,
  'a viewer reads A''s files, knowledge bases and links (assistants.read)'
);
select throws_ok(
  $$ insert into public.knowledge_bases (tenant_id, vapi_id, name) values (tests.get_tenant_id('pgTAP Alpha'), 'kb_v', 'Mine') $$,
  '42501', null, 'a viewer cannot create a knowledge base'
);
select is_empty($$ delete from public.knowledge_base_files returning file_id $$, 'nor unlink a file');

select tests.authenticate_as('ines');
select is_empty($$ update public.files set name = 'renamed.pdf' returning id $$, 'an agent cannot rename a file');

select tests.authenticate_as('bob');
select results_eq($$ select vapi_id from public.files $$, array['file_b'], 'B sees none of A''s files');
select is_empty($$ select knowledge_base_id from public.knowledge_base_files $$, 'nor A''s links');
select is_empty(
  $$ delete from public.knowledge_bases where id = '00000000-0000-4000-8000-0000000000a2' returning id $$,
  'nor deletes A''s knowledge base'
);

select tests.authenticate_as('alice');
select lives_ok(
  $$ delete from public.files where id = '00000000-0000-4000-8000-0000000000a1' $$, 'an owner deletes the file'
);
select is_empty($$ select file_id from public.knowledge_base_files $$, 'its links go with it');

select * from finish();
rollback;
