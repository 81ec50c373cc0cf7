import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { adminContract } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { adminKeys } from './keys.ts'

export function previewTemplate(body: string, firstMessage: string, tenantId: string) {
  return callFunction(adminContract.routes.previewTemplate, {
    body: { body, first_message: firstMessage, tenant_id: tenantId },
  })
}

/**
 * The template rendered with a tenant's profile; give it debounced text. The previous preview stays shown
 * while the next one loads, so the panel does not flicker as the admin types.
 */
export function useTemplatePreview(body: string, firstMessage: string, tenantId: string | null) {
  return useQuery({
    queryKey: adminKeys.preview(body, firstMessage, tenantId ?? ''),
    queryFn: () => previewTemplate(body, firstMessage, tenantId!),
    enabled: tenantId !== null && body.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  })
}
