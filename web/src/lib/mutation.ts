import { type QueryClient, useMutation, type UseMutationOptions, useQueryClient } from '@tanstack/react-query'
import type { ProblemError } from './functions.ts'

/** What a feature's mutation hook accepts from its caller: everything react-query offers but the call. */
export type MutationOptions<TData, TVariables = void> = Omit<
  UseMutationOptions<TData, ProblemError, TVariables>,
  'mutationFn'
>

/**
 * The hook's own cache update runs first, then the caller's onSuccess, so a caller can toast or navigate
 * without repeating (or undoing) what keeps the cache right.
 */
export function withCacheUpdate<TData, TVariables>(
  options: MutationOptions<TData, TVariables>,
  update: (data: TData, variables: TVariables) => unknown,
): MutationOptions<TData, TVariables>['onSuccess'] {
  return async (...args) => {
    await update(args[0], args[1])
    return await options.onSuccess?.(...args)
  }
}

/**
 * A mutation whose only logic is the call and the cache update that follows it (a list invalidated, the
 * answer stored): onCache runs before the caller's onSuccess (withCacheUpdate).
 */
export function useCacheMutation<TData, TVariables>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  options: MutationOptions<TData, TVariables>,
  onCache: (queryClient: QueryClient, data: TData, variables: TVariables) => unknown,
) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn,
    onSuccess: withCacheUpdate(options, (data, variables) => onCache(queryClient, data, variables)),
  })
}
