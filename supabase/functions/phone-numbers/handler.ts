/**
 * A tenant's phone numbers in its own Vapi organisation: listing them with what answers each, getting one
 * (free Vapi number, imported Twilio number, or the platform pool), giving it to an assistant or a workflow,
 * and releasing it. Reads need assistants.read, changes numbers.manage.
 */
import { phoneNumbersContract, VAPI_FREE_NUMBER_LIMIT } from '../../../shared/contracts/phone-numbers.ts'
import { defineFunction } from '../_shared/function.ts'
import { afterNewest, newestKey, newestOrder, toPage } from '../_shared/pagination.ts'
import { voiceDeps } from '../_shared/voice.ts'
import { isUsAreaCode } from './area-code.ts'
import { releaseNumber, updateNumber, vapiNumbersUsed } from './change.ts'
import { createNumber } from './create.ts'
import { findNumber, selectNumbers, toPhoneNumber } from './numbers.ts'
import { loadPoolEnv, poolAvailability, poolCountry } from './pool.ts'

export default defineFunction({
  contract: phoneNumbersContract,
  deps: (core, source) => ({ ...voiceDeps(core, source), pool: loadPoolEnv(source) }),
  operations: {
    list: async ({ tx, tenant, input: { query } }) => {
      const rows = await selectNumbers(
        tx,
        tenant,
        afterNewest(tx, query.cursor, 'p'),
        tx`order by ${newestOrder(tx, 'p')} limit ${query.limit + 1}`,
      )
      return toPage(rows, query.limit, toPhoneNumber, newestKey)
    },

    answerers: async ({ tx, tenant }) => {
      const [assistants, workflows] = [
        await tx<{ id: string; name: string; active: boolean }[]>`
          select id, name, active from public.assistants where tenant_id = ${tenant} order by name, id`,
        await tx<{ id: string; name: string }[]>`
          select id, name from public.workflows where tenant_id = ${tenant} order by name, id`,
      ]
      return { assistants: [...assistants], workflows: [...workflows] }
    },

    get: async ({ tx, tenant, input }) => toPhoneNumber(await findNumber(tx, tenant, input.params.id)),

    create: async (ctx) => toPhoneNumber(await createNumber(ctx, ctx.input.body)),

    update: async (ctx) => toPhoneNumber(await updateNumber(ctx, ctx.input.params.id, ctx.input.body)),

    delete: (ctx) => releaseNumber(ctx, ctx.input.params.id),

    search: async (context) => {
      const ctx = context
      const { country, source } = await poolCountry(ctx.tx, ctx.tenant)
      const code = ctx.input.body.area_code
      return {
        pool: { country, country_source: source, ...(await poolAvailability(ctx.tx, country)) },
        vapi: {
          used: await vapiNumbersUsed(ctx),
          limit: VAPI_FREE_NUMBER_LIMIT,
          area_code: code === undefined ? null : { code, valid: isUsAreaCode(code) },
        },
      }
    },
  },
})
