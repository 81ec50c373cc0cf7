import { QueryClient } from '@tanstack/react-query'

/** The HTTP status a failed call carries (ProblemError's), read without importing the API client and zod. */
function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will answer the same again; only transport and server failures are worth a retry.
        retry: (count, error) => {
          const status = httpStatus(error)
          return count < 2 && !(status !== undefined && status >= 400 && status < 500)
        },
      },
    },
  })
}
