-- The jobs worker's clock on Supabase: pg_cron calls the `jobs` function (POST /functions/v1/jobs/run) every
-- minute through pg_net, with the project's URL and JOBS_SECRET read from Vault at each run.
--
-- Only where pg_cron, pg_net and Vault exist (a Supabase project). PGlite and a plain Postgres (the local stack,
-- the tests) have none of them: the stack runs its own timer instead (scripts/jobs-timer.ts), and a self-hosted
-- deployment schedules the call its own way (docs/architecture.md#jobs).
--
-- No secret is written here, and a migration cannot know the project's URL: both are Vault secrets created
-- once by hand (`switchboard_project_url`, `switchboard_jobs_secret`; see docs/architecture.md#jobs). Until
-- they exist, each run posts nothing.
do $migration$
begin
  if (select count(*) from pg_available_extensions
      where name in ('pg_cron', 'pg_net', 'supabase_vault')) < 3 then
    raise notice 'jobs: pg_cron, pg_net or supabase_vault is missing; schedule POST /functions/v1/jobs/run yourself';
    return;
  end if;
  begin
    create extension if not exists pg_cron with schema pg_catalog;
    create extension if not exists pg_net with schema extensions;
    create extension if not exists supabase_vault with schema vault;
  exception when others then
    -- Installed but not loadable here (pg_cron outside shared_preload_libraries, say): say so, do not fail.
    raise notice 'jobs: the extensions could not be created (%); schedule POST /functions/v1/jobs/run yourself',
      sqlerrm;
    return;
  end;
  -- Scheduling by name replaces an earlier job of the same name.
  perform cron.schedule('switchboard-jobs', '* * * * *', $job$
    select net.http_post(
      url := s.url || '/functions/v1/jobs/run',
      headers := jsonb_build_object('Authorization', 'Bearer ' || s.secret, 'Content-Type', 'application/json'),
      body := '{}'::jsonb,
      timeout_milliseconds := 30000
    )
    from (
      select
        (select decrypted_secret from vault.decrypted_secrets where name = 'switchboard_project_url') as url,
        (select decrypted_secret from vault.decrypted_secrets where name = 'switchboard_jobs_secret') as secret
    ) s
    where s.url is not null and s.secret is not null
  $job$);
end
$migration$;
