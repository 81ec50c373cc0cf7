const STORAGE_KEY = 'switchboard.tenant'

/** The tenant picked last on this browser; every call for it carries its id in x-tenant-id. */
export function rememberedTenant(): string | null {
  return localStorage.getItem(STORAGE_KEY)
}

export function rememberTenant(id: string) {
  localStorage.setItem(STORAGE_KEY, id)
}
