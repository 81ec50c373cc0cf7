import { useQuery } from '@tanstack/react-query'
import { adminContract } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { adminKeys } from './keys.ts'

/** Whether the signed-in user is a platform admin (a flag on the user, whatever the tenant). */
export function getAdminMe() {
  return callFunction(adminContract.routes.me, {})
}

export function useAdminMe() {
  return useQuery({ queryKey: adminKeys.me(), queryFn: getAdminMe, staleTime: 5 * 60_000 })
}

/** True only once the server said so: the nav item and the page stay hidden while it is being asked. */
export function useIsPlatformAdmin(): boolean {
  return useAdminMe().data?.platform_admin === true
}
