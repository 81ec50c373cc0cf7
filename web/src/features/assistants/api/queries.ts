/** The assistants' reads: the list, one assistant with its sync state, the profession template, Vapi's importable ones. */
import { useQuery } from '@tanstack/react-query'
import { assistantsContract } from '@shared/contracts/assistants.ts'
import type { Language } from '@shared/languages.ts'
import { allPages, callFunction } from '@/lib/functions.ts'
import { assistantKeys } from './keys.ts'

const routes = assistantsContract.routes

export function useAssistants(tenantId: string) {
  return useQuery({
    queryKey: assistantKeys.list(tenantId),
    queryFn: () => allPages(routes.list, { tenantId }),
  })
}

export function useAssistant(tenantId: string, id: string) {
  return useQuery({
    queryKey: assistantKeys.detail(tenantId, id),
    queryFn: () => callFunction(routes.get, { tenantId, params: { id } }),
  })
}

/** Fetched on demand ("Start from my profession"), so a missing template costs nothing until asked for. */
export function useTemplate(tenantId: string, language: Language, enabled: boolean) {
  return useQuery({
    queryKey: assistantKeys.template(tenantId, language),
    queryFn: () => callFunction(routes.template, { tenantId, query: { language } }),
    enabled,
    retry: false,
  })
}

export function useImportable(tenantId: string, enabled: boolean) {
  return useQuery({
    queryKey: assistantKeys.importable(tenantId),
    queryFn: () => callFunction(routes.importable, { tenantId }),
    enabled,
  })
}
