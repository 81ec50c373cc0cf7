/**
 * Picks the tenant whose profile fills the preview: any tenant of the platform, searched by name on the
 * server as the admin types (the admin need not be a member).
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Combobox } from '@/components/ui/combobox.tsx'
import { Label } from '@/components/ui/label.tsx'
import { useTenantSearch } from '../api/search-tenants.ts'
import { useDebouncedValue } from '../use-debounced-value.ts'

export function TenantPicker({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const query = useDebouncedValue(typed.trim(), 250)
  const search = useTenantSearch(query)
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null)

  const options = useMemo(() => {
    const found = (search.data?.items ?? []).map((tenant) => ({
      value: tenant.id,
      label: `${tenant.name} · ${tenant.country}`,
      keywords: tenant.name,
    }))
    // The chosen tenant stays an option (so its name stays shown) whatever the current search finds.
    return chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found
  }, [search.data, chosen])

  return (
    <div className='grid gap-1.5'>
      <Label htmlFor='admin-preview-tenant'>{t('admin.preview.tenant')}</Label>
      <Combobox
        id='admin-preview-tenant'
        label={t('admin.preview.tenant')}
        options={options}
        value={value ?? ''}
        placeholder={t('admin.preview.tenantPlaceholder')}
        emptyText={search.isFetching ? t('common.loading') : t('common.noMatch')}
        onInput={(event) => setTyped(event.currentTarget.value)}
        onChange={(id) => {
          setChosen(options.find((o) => o.value === id) ?? null)
          onChange(id)
        }}
      />
    </div>
  )
}
