/** What the calls' components need to name things: the tenant's assistants and numbers, and its country. */
import { useMemo } from 'react'
import { useAssistants } from '@/features/assistants/index.ts'
import { useNumbers } from '@/features/numbers/index.ts'
import { useCurrentTenant } from '@/features/tenants/index.ts'
import { formatCallerNumber } from '../model/format.ts'

export interface CallNames {
  assistants: { id: string; name: string }[]
  numbers: { id: string; number: string; name: string | null }[]
  assistantName: (id: string | null) => string | null
  phone: (number: string | null) => string | null
}

export function useCallNames(): CallNames {
  const { tenant } = useCurrentTenant()
  const assistants = useAssistants(tenant.id)
  const numbers = useNumbers(tenant.id)
  return useMemo(() => {
    const byId = new Map((assistants.data ?? []).map((a) => [a.id, a.name]))
    return {
      assistants: (assistants.data ?? []).map((a) => ({ id: a.id, name: a.name })),
      numbers: (numbers.data ?? []).map((n) => ({ id: n.id, number: n.number, name: n.name })),
      assistantName: (id) => id ? byId.get(id) ?? null : null,
      phone: (number) => number ? formatCallerNumber(number, tenant.country) : null,
    }
  }, [assistants.data, numbers.data, tenant.country])
}
