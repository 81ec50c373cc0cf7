import {
  adminContract,
  type CreateTemplateBody,
  type PromptTemplate,
  type UpdateTemplateBody,
} from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
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
  return useCacheMutation(({ id, body }) => (id ? updateTemplate(id, body) : createTemplate(body)), options, (queryClient) => queryClient.invalidateQueries({ queryKey: adminKeys.templates() }))
}
