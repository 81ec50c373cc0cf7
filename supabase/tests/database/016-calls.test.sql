-- calls and what surrounds them: tenants never see each other's calls, events, rejections or retention;
-- calls.read reads, only calls.erase deletes, only service_role writes calls and jobs; notifications reach
-- their user only and follow preferences and calls.read; the realtime topics admit whom they should;
-- register_push_device moves a token to whoever registers it.
begin;
select plan(49);

select tests.create_two_tenants();
select tests.create_user(label) from unnest(array['carl', 'dora']) as label;
-- carl: a custom role that reads settings but not calls; dora: an agent whose membership is disabled.
insert into public.roles (id, tenant_id, name, permissions)
values ('00000000-0000-4000-8000-0000000000c0', tests.get_tenant_id('pgTAP Alpha'), 'bookkeeper', '{settings.read}');
insert into public.memberships (tenant_id, user_id, role_id)
values (tests.get_tenant_id('pgTAP Alpha'), tests.get_user_id('carl'), '00000000-0000-4000-8000-0000000000c0');
select tests.add_member(tests.get_tenant_id('pgTAP Alpha'), 'dora', 'agent');
update public.memberships set status = 'disabled' where user_id = tests.get_user_id('dora');

-- As the webhook writes them (the table owner here; service_role in the functions).
insert into public.calls (id, tenant_id, vapi_call_id, started_at, from_number) values
  ('00000000-0000-4000-8000-0000000000a1', tests.get_tenant_id('pgTAP Alpha'), 'call_a', now(), '+33612345678'),
  ('00000000-0000-4000-8000-0000000000a2', tests.get_tenant_id('pgTAP Alpha'), 'call_a2', now(), '+33612345679'),
  ('00000000-0000-4000-8000-0000000000b1', tests.get_tenant_id('pgTAP Beta'), 'call_b', now(), '+33612345670');
insert into public.call_events (tenant_id, call_id, type, delivery_key, payload) values
  (tests.get_tenant_id('pgTAP Alpha'), '00000000-0000-4000-8000-0000000000a1', 'status-update', 'k_a', '{}'),
  (tests.get_tenant_id('pgTAP Beta'), '00000000-0000-4000-8000-0000000000b1', 'status-update', 'k_b', '{}');
insert into public.webhook_rejections (tenant_id, provider, rejected, last_reason) values
  (tests.get_tenant_id('pgTAP Alpha'), 'vapi', 2, 'wrong secret'),
  (tests.get_tenant_id('pgTAP Beta'), 'vapi', 5, 'bad signature');
insert into public.call_retention (tenant_id, calls_days) values
  (tests.get_tenant_id('pgTAP Alpha'), 30),
  (tests.get_tenant_id('pgTAP Beta'), 90);
insert into public.notification_preferences (tenant_id, user_id, kind, in_app)
values (tests.get_tenant_id('pgTAP Alpha'), tests.get_user_id('vera'), 'call_completed', false);

-- Notifications: every active member who reads calls and has not turned the kind off, once.
select set_config('role', 'service_role', true);
select is(
  private.notify_call('00000000-0000-4000-8000-0000000000a1', 'call_completed', 'New call from +33 6 12 34 56 78', null),
  3, 'notify_call: alice, adam and ines; not vera (turned off), carl (no calls.read), dora (disabled) nor bob'
);
select is(
  private.notify_call('00000000-0000-4000-8000-0000000000a1', 'call_completed', 'New call', null),
  0, 'a second time notifies nobody again'
);
select is(
  private.notify_call('00000000-0000-4000-8000-0000000000a1', 'call_missed', 'Missed call', null),
  4, 'vera turned off only call_completed'
);
select lives_ok(
  $$ insert into public.jobs (tenant_id, kind, payload)
     select tenant_id, 'push.call', '{}' from public.calls where vapi_call_id = 'call_a' $$,
  'service_role writes jobs'
);
select lives_ok(
  $$ update public.calls set status = 'ended' where vapi_call_id = 'call_a2' $$,
  'service_role writes calls'
);
-- Back to the connecting role (service_role may not use the tests schema).
select set_config('role', 'none', true);

-- Tenants apart.
select tests.authenticate_as('alice');
select results_eq($$ select vapi_call_id from public.calls order by vapi_call_id $$, array['call_a', 'call_a2'],
  'A''s owner sees A''s calls only');
select results_eq($$ select delivery_key from public.call_events $$, array['k_a'], 'and A''s events only');
select results_eq($$ select rejected from public.webhook_rejections $$, array[2], 'and A''s rejections (settings.read)');
select results_eq($$ select calls_days from public.call_retention $$, array[30], 'and A''s retention');
select results_eq($$ select kind from public.notifications order by kind $$, array['call_completed', 'call_missed'],
  'and their own notifications');

select tests.authenticate_as('bob');
select results_eq($$ select vapi_call_id from public.calls $$, array['call_b'], 'B''s owner sees B''s call only');
select results_eq($$ select delivery_key from public.call_events $$, array['k_b'], 'and B''s events only');
select results_eq($$ select rejected from public.webhook_rejections $$, array[5], 'and B''s rejections');
select results_eq($$ select calls_days from public.call_retention $$, array[90], 'and B''s retention');
select is_empty($$ select id from public.notifications $$, 'and no notification of A''s');
select is_empty(
  $$ delete from public.calls where tenant_id = tests.get_tenant_id('pgTAP Alpha') returning id $$,
  'B''s owner erases nothing of A''s'
);

-- Roles: calls.read reads, calls.erase deletes, nobody but service_role writes.
select tests.authenticate_as('vera');
select results_eq($$ select count(*)::int from public.calls $$, array[2], 'a viewer reads calls (calls.read)');
select is_empty($$ delete from public.calls returning id $$, 'but deletes none (no calls.erase)');
select results_eq($$ select kind from public.notifications $$, array['call_missed'],
  'vera gets only the kind she left on');
select results_eq($$ select calls_days from public.call_retention $$, array[30], 'a viewer reads the retention');
select throws_ok(
  $$ insert into public.call_retention (tenant_id, calls_days) values (tests.get_tenant_id('pgTAP Alpha'), 7)
     on conflict (tenant_id) do update set calls_days = 7 $$,
  '42501', null, 'but cannot set it (settings.manage)'
);

select tests.authenticate_as('adam');
select is_empty($$ delete from public.calls returning id $$, 'an admin deletes none either (calls.erase is the owner''s)');

select tests.authenticate_as('ines');
select is_empty($$ select rejected from public.webhook_rejections $$, 'an agent does not read rejections (no settings.read)');

select tests.authenticate_as('carl');
select is_empty($$ select id from public.calls $$, 'a role without calls.read reads no call');
select is_empty($$ select id from public.call_events $$, 'nor any event');

select tests.authenticate_as('dora');
select is_empty($$ select id from public.calls $$, 'a disabled member reads nothing');

select tests.authenticate_as('alice');
select throws_ok(
  $$ insert into public.calls (tenant_id, vapi_call_id, started_at) values (tests.get_tenant_id('pgTAP Alpha'), 'x', now()) $$,
  '42501', null, 'an owner cannot write a call'
);
select throws_ok($$ update public.calls set summary = 'forged' $$, '42501', null, 'nor change one');
select throws_ok(
  $$ insert into public.call_events (tenant_id, type, delivery_key, payload)
     values (tests.get_tenant_id('pgTAP Alpha'), 'x', 'k', '{}') $$,
  '42501', null, 'nor write an event'
);
select throws_ok($$ select id from public.jobs $$, '42501', null, 'nor read jobs');
select throws_ok(
  $$ insert into public.jobs (tenant_id, kind) values (tests.get_tenant_id('pgTAP Alpha'), 'push.call') $$,
  '42501', null, 'nor enqueue one'
);
select throws_ok(
  $$ insert into public.notifications (tenant_id, user_id, kind, title)
     values (tests.get_tenant_id('pgTAP Alpha'), tests.get_user_id('alice'), 'call_missed', 'x') $$,
  '42501', null, 'nor write a notification'
);
select throws_ok(
  $$ select private.notify_call('00000000-0000-4000-8000-0000000000a1', 'call_missed', 'x', null) $$,
  '42501', null, 'nor notify the members'
);
select lives_ok($$ update public.notifications set read_at = now() $$, 'a member marks their notifications read');
select throws_ok($$ update public.notifications set title = 'changed' $$, '42501', null, 'and changes nothing else');
select is_empty(
  $$ update public.notifications set read_at = now() where user_id = tests.get_user_id('adam') returning id $$,
  'nor anyone else''s'
);

-- Realtime topics: the tenant's calls for its readers, a user's notifications for that user.
select ok(private.topic_readable('tenant:' || tests.get_tenant_id('pgTAP Alpha') || ':calls'),
  'A''s owner joins tenant:<A>:calls');
select ok(not private.topic_readable('tenant:' || tests.get_tenant_id('pgTAP Beta') || ':calls'),
  'but not tenant:<B>:calls');
select ok(private.topic_readable('user:' || tests.get_user_id('alice') || ':notifications'),
  'alice joins her own notifications');
select ok(not private.topic_readable('user:' || tests.get_user_id('adam') || ':notifications'),
  'but not adam''s');
select ok(not private.topic_readable('tenant:not-a-uuid:calls'), 'a malformed topic admits nobody');
select set_config('realtime.topic', 'tenant:' || tests.get_tenant_id('pgTAP Alpha') || ':calls', true);
select isnt_empty($$ select id from realtime.messages $$, 'the policy lets A''s owner receive A''s broadcasts');

select tests.authenticate_as('bob');
select is_empty($$ select id from realtime.messages $$, 'and keeps B''s owner out of A''s topic');
select set_config('realtime.topic', '', true);
select ok(not private.topic_readable('tenant:' || tests.get_tenant_id('pgTAP Alpha') || ':calls'),
  'B''s owner cannot join tenant:<A>:calls');

select tests.authenticate_as('carl');
select ok(not private.topic_readable('tenant:' || tests.get_tenant_id('pgTAP Alpha') || ':calls'),
  'nor can a member without calls.read');

-- Push devices: a token belongs to whoever registered it last.
select tests.authenticate_as('alice');
select is(
  (public.register_push_device('ExponentPushToken[pgtap-phone]', 'ios', 'Phone')).user_id,
  tests.get_user_id('alice'), 'alice registers her phone'
);
select tests.authenticate_as('bob');
select is(
  (public.register_push_device('ExponentPushToken[pgtap-phone]', 'android', 'Same phone')).user_id,
  tests.get_user_id('bob'), 'bob registering the same token takes it over'
);
select tests.authenticate_as('alice');
select is_empty($$ select id from public.push_devices $$, 'and alice no longer has it');

-- Finally, the owner erases (calls.erase).
select results_eq($$ delete from public.calls where vapi_call_id = 'call_a' returning vapi_call_id $$,
  array['call_a'], 'the owner erases a call (calls.erase)');

select * from finish();
rollback;
