-- Demo data for the local stack: one user and the tenant "Cabinet Dupont" (a French doctor's office).
-- Login: demo@switchboard.local / switchboard-demo (printed by `npm start`).

insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
  raw_user_meta_data)
values (
  '00000000-0000-4000-8000-000000000001', 'authenticated', 'authenticated', 'demo@switchboard.local',
  '$2b$10$R/eL7aahrzDZEcl1nV4Sdu.IXRmxuCxciOGjCR0SY/5ITeLx67pKy', now(),
  '{"provider": "email", "providers": ["email"]}', '{"full_name": "Claire Dupont"}'
);

-- One statement, so the transaction-local claims hold whether or not the runner wraps the file in a transaction.
do $$
begin
  perform set_config('request.jwt.claims',
    '{"sub": "00000000-0000-4000-8000-000000000001", "role": "authenticated"}', true);
  perform public.create_tenant('Cabinet Dupont', 'cabinet-dupont', 'FR', 'fr', 'Europe/Paris', 'doctor');
  perform set_config('request.jwt.claims', '', true);
end
$$;

-- The demo user is a platform admin (Admin page: default prompt templates, the virtual-number pool), and the
-- demo tenant has its owner's phone (calls fall back to it; the pool is picked by its country).
insert into public.platform_admins (user_id) values ('00000000-0000-4000-8000-000000000001');
update public.tenants set owner_phone = '+33612345678' where slug = 'cabinet-dupont';

-- The platform's pool of virtual numbers, some per country (Settings → Phone numbers → From the pool).
insert into public.virtual_numbers (number, country, provider) values
  ('+33184800101', 'FR', 'twilio'),
  ('+33184800102', 'FR', 'twilio'),
  ('+33484800103', 'FR', 'twilio'),
  ('+3225880101', 'BE', 'twilio'),
  ('+3225880102', 'BE', 'twilio'),
  ('+14166460101', 'CA', 'twilio'),
  ('+15146460102', 'CA', 'twilio'),
  ('+14155550101', 'US', 'twilio'),
  ('+12125550102', 'US', 'twilio');
