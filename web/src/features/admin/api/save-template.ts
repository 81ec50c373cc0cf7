import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  adminContract,
  type CreateTemplateBody,
  type PromptTemplate,
  type UpdateTemplateBody,
} from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { adminKeys } from './keys.ts'

export function createTemplate(body: CreateTemplateBody) {
  return callFunction(adminContract.routes.createTemplate, { body })
}

export function updateTemplate(id: string, body: UpdateTemplateBody) {
  return callFunction(adminContract.routes.updateTemplate, { params: { id }, body })
}

export type SaveTemplateVariables = { id: string | null; body: CreateTemplateBody }

/** Creates the template (`id` null) or changes it; unknown placeholders answer 422 on `body`. */
export function useSaveTemplate(options: MutationOptions<PromptTemplate, SaveTemplateVariables> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => (id ? updateTemplate(id, body) : createTemplate(body)),
    onSuccess: withCacheUpdate(options, () => queryClient.invalidateQueries({ queryKey: adminKeys.templates() })),
  })
}
