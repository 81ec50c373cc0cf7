/**
 * A tenant's calls as the webhook recorded them: the list (filters, search, keyset pages), the live ones, a
 * CSV export, one call in full, the overview's figures, the retention setting, and a caller's data export and
 * erasure. Reads need calls.read; listening calls.listen, the CSV calls.export, a caller's data calls.erase.
 */
import { callsContract } from '../../../shared/contracts/calls.ts'
import { defineFunction } from '../_shared/function.ts'
import { createRecordingStore } from '../_shared/storage.ts'
import { eraseCaller, exportCaller } from './callers.ts'
import { eventsOf, findCall, mayListen, recordingOf, toCallDetail } from './detail.ts'
import { exportCalls } from './export.ts'
import { listCalls, liveCalls } from './list.ts'
import { overview } from './overview.ts'
import { getRetention, setRetention } from './retention.ts'

export default defineFunction({
  contract: callsContract,
  deps: (core, source) => ({ recordings: createRecordingStore(core, source) }),
  operations: {
    listCalls: ({ tx, tenant, input }) => listCalls(tx, tenant, input.query),

    liveCalls: ({ tx, tenant }) => liveCalls(tx, tenant),

    exportCalls: ({ tx, tenant, claims, deps, input }) =>
      exportCalls({ tx, tenant, claims, deps, filters: input.query }),

    overview: ({ tx, tenant, input }) => overview(tx, tenant, input.query),

    getRetention: ({ tx, tenant }) => getRetention(tx, tenant),

    setRetention: ({ tx, tenant, claims, input }) => setRetention(tx, tenant, claims.sub, input.body),

    exportCaller: ({ tx, tenant, claims, deps, input }) =>
      exportCaller({ tx, tenant, actor: claims.sub, recordings: deps.recordings }, input.body.number),

    eraseCaller: ({ tx, tenant, claims, deps, input }) =>
      eraseCaller({ tx, tenant, actor: claims.sub, recordings: deps.recordings }, input.body.number),

    getCall: async ({ tx, tenant, deps, input }) => {
      const row = await findCall(tx, tenant, input.params.id)
      const store = await mayListen(tx, tenant) ? deps.recordings : null
      const events = await eventsOf(tx, tenant, [row.id])
      return toCallDetail(row, await recordingOf(row, store), events.get(row.id) ?? [])
    },

    recordingUrl: async ({ tx, tenant, deps, input }) =>
      recordingOf(await findCall(tx, tenant, input.params.id), deps.recordings),
  },
})
