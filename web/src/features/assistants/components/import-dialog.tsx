/** Import from Vapi: the organisation's assistants not yet here, picked and copied as they are. */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useImportAssistants } from '../api/mutations.ts'
import { useImportable } from '../api/queries.ts'

export function ImportDialog({ tenantId, open, onOpenChange }: {
  tenantId: string
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { t } = useTranslation()
  const withFeedback = useFeedback()
  const importable = useImportable(tenantId, open)
  const importIt = useImportAssistants(tenantId)
  const [picked, setPicked] = useState<string[]>([])
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]))

  const submit = async () => {
    const done = await withFeedback(() => importIt.mutateAsync(picked), {
      success: t('assistants.import.done', { count: picked.length }),
      failure: t('assistants.import.failed'),
    })
    if (done) {
      setPicked([])
      onOpenChange(false)
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('assistants.import.title')}</DialogTitle>
          <DialogDescription>{t('assistants.import.description')}</DialogDescription>
        </DialogHeader>
        {importable.isPending && <Skeleton className='h-24 w-full' />}
        {importable.isError && <Alert variant='destructive' role='alert'>{problemMessage(importable.error, t)}</Alert>}
        {importable.data?.items.length === 0 && <p className='text-sm text-muted-foreground'>{t('assistants.import.none')}</p>}
        {importable.data && importable.data.items.length > 0 && (
          <fieldset className='grid max-h-72 gap-2 overflow-y-auto'>
            <legend className='sr-only'>{t('assistants.import.title')}</legend>
            {importable.data.items.map((a) => (
              <label key={a.vapi_id} className='flex items-center gap-2 rounded-md border p-2 text-sm'>
                <input type='checkbox' checked={picked.includes(a.vapi_id)} onChange={() => toggle(a.vapi_id)} />
                <span className='font-medium'>{a.name ?? t('assistants.import.unnamed')}</span>
                <code className='ml-auto truncate text-xs text-muted-foreground'>{a.vapi_id}</code>
              </label>
            ))}
          </fieldset>
        )}
        <DialogFooter>
          <Button variant='ghost' onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button onClick={submit} disabled={picked.length === 0 || importIt.isPending}>
            {t('assistants.import.submit', { count: picked.length })}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
