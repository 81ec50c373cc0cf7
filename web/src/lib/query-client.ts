import { QueryClient } from '@tanstack/react-query'
import { isProblemError } from './functions.ts'

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will answer the same again; only transport and server failures are worth a retry.
        retry: (count, error) =>
          count < 2 && !(isProblemError(error) && error.status >= 400 && error.status < 500),
      },
    },
  })
}
