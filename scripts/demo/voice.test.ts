/**
 * The demo voice seed through the real API and the sandbox: a tenant gets its knowledge base, two assistants
 * (the receptionist from the doctor's template, active on a pool number), and a workflow — in our tables and
 * in its Vapi organisation alike — and a second run changes nothing.
 */
import assert from 'node:assert/strict'
import { VapiClient } from '@vapi-ai/server-sdk'
import tenants from '../../supabase/functions/tenants/handler.ts'
import {
  anonKey,
  createTenant,
  signUp,
  supabaseUrl,
  withTestDeps,
} from '../../supabase/functions/_shared/testing.ts'
import { seedDemoVoice } from './voice.ts'

Deno.test('the demo voice seed builds a working tenant once, through the API', async () => {
  await withTestDeps(tenants, async ({ deps }) => {
    const owner = await signUp('demo', { full_name: 'Claire Test' })
    const tenant = await createTenant(deps, owner, 'Cabinet Démo')
    const poolNumber = `+3318480${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`
    await deps.db.asService((tx) =>
      tx`insert into public.virtual_numbers (number, country, provider) values (${poolNumber}, 'FR', 'twilio')
         on conflict (number) do nothing`
    )
    const keys = { private: `sk_demo_${crypto.randomUUID()}`, public: `pk_demo_${crypto.randomUUID()}` }
    const options = {
      apiUrl: supabaseUrl(),
      anonKey: anonKey(),
      login: { email: owner.email, password: owner.password },
      tenantSlug: tenant.slug,
      vapiKeys: keys,
    }

    assert.equal(await seedDemoVoice(options), 'seeded')

    const get = async <T>(fn: string): Promise<T[]> => {
      const res = await fetch(`${supabaseUrl()}/functions/v1/${fn}`, {
        headers: { apikey: anonKey(), authorization: `Bearer ${owner.token}`, 'x-tenant-id': tenant.id },
      })
      assert.equal(res.status, 200, `GET ${fn}`)
      return (await res.json()).items
    }
    type Named = { id: string; vapi_id: string; name: string }
    const assistants = await get<
      Named & { active: boolean; phone_number_ids: string[]; system_prompt: string }
    >(
      'assistants',
    )
    assert.deepEqual(assistants.map((a) => a.name).sort(), ['Accueil Cabinet Dupont', 'Hors horaires'])
    const receptionist = assistants.find((a) => a.name === 'Accueil Cabinet Dupont')!
    assert.equal(receptionist.active, true)
    assert.equal(receptionist.phone_number_ids.length, 1)
    assert.match(receptionist.system_prompt, /Claire Test/, 'the template is filled with the owner name')
    assert.doesNotMatch(receptionist.system_prompt, /\[[A-Z_]+\]/, 'no placeholder is left')
    const [number] = await get<Named & { source: string; number: string }>('phone-numbers')
    assert.equal(number.source, 'pool')
    assert.match(number.number, /^\+33/)
    const [workflow] = await get<Named & { steps?: unknown[] }>('workflows')
    assert.equal(workflow.name, 'Prise de rendez-vous')
    const [kb] = await get<Named & { files: { name: string }[] }>('knowledge-bases')
    assert.deepEqual(kb.files.map((f) => f.name), ['faq-cabinet-dupont.md'])

    // Vapi holds the same: the organisation of the tenant's key, its number answered by the receptionist.
    const vapi = new VapiClient({ token: keys.private, baseUrl: Deno.env.get('VAPI_BASE_URL') })
    const inVapi = await vapi.assistants.list({ limit: 10 })
    assert.deepEqual(inVapi.map((a) => a.id).sort(), assistants.map((a) => a.vapi_id).sort())
    const vapiNumber = await vapi.phoneNumbers.get({ id: number.vapi_id })
    assert.equal((vapiNumber as { assistantId?: string }).assistantId, receptionist.vapi_id)
    assert.equal((await vapi.squads.get({ id: workflow.vapi_id })).members.length, 4)

    assert.equal(await seedDemoVoice(options), 'already seeded')
    assert.equal((await get('assistants')).length, 2)
  })
})
