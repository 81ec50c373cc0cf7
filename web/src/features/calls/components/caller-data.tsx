/**
 * The owner's duties toward one caller (calls.erase): export everything about their number (a zip of the
 * calls and recordings) and erase it all, after typing the number to confirm. The erasure's counts are told
 * in a toast, then the list is shown again.
 */
import { Download, Trash2 } from 'lucide-react'
import { useId, useState } from 'react'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Input } from '@/components/ui/input.tsx'
import { Label } from '@/components/ui/label.tsx'
import { useCurrentTenant } from '@/features/tenants/index.ts'
import { useFeedback } from '@/lib/feedback.ts'
import { downloadCallerData } from '../api/downloads.ts'
import { useEraseCaller } from '../api/erase-caller.ts'
import { useCallsTranslation } from '../i18n.ts'

const digits = (text: string) => text.replace(/\D/g, '')

/** The typed number matches when its digits are those of the number in E.164 or as shown. */
export function confirmsNumber(typed: string, e164: string, shown: string): boolean {
  const d = digits(typed)
  return d.length > 0 && (d === digits(e164) || d === digits(shown))
}

export function CallerData({ number, shown }: { number: string; shown: string }) {
  const { t } = useCallsTranslation()
  const { tenant } = useCurrentTenant()
  const withFeedback = useFeedback()
  const navigate = useNavigate()
  const [exporting, setExporting] = useState(false)
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const inputId = useId()
  const erase = useEraseCaller(tenant.id)

  const exportData = async () => {
    setExporting(true)
    await withFeedback(() => downloadCallerData(tenant.id, number), {
      success: t('caller.exportDone'),
      failure: t('caller.exportFailed'),
    })
    setExporting(false)
  }

  const confirmErase = async () => {
    const erasure = await withFeedback(() => erase.mutateAsync(number), { failure: t('caller.eraseFailed') })
    if (!erasure) return
    setOpen(false)
    toast.success(t('caller.erased', { number: shown }), {
      description: [
        t('caller.counts.calls', { count: erasure.calls }),
        t('caller.counts.recordings', { count: erasure.recordings }),
        t('caller.counts.notifications', { count: erasure.notifications }),
        erasure.vapi_queued > 0 ? t('caller.counts.vapiQueued', { count: erasure.vapi_queued }) : null,
      ].filter(Boolean).join(' · '),
    })
    void navigate('/calls')
  }

  return (
    <div className='grid gap-3'>
      <p className='text-sm text-muted-foreground'>{t('caller.description', { number: shown })}</p>
      <div className='flex flex-wrap gap-2'>
        <Button variant='outline' size='sm' onClick={exportData} loading={exporting}>
          <Download aria-hidden='true' />
          {t('caller.export')}
        </Button>
        <AlertDialog
          open={open}
          onOpenChange={(next) => {
            setOpen(next)
            if (!next) setTyped('')
          }}
        >
          <AlertDialogTrigger asChild>
            <Button variant='outline' size='sm' className='text-destructive hover:text-destructive'>
              <Trash2 aria-hidden='true' />
              {t('caller.erase')}
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>{t('caller.eraseTitle', { number: shown })}</AlertDialogTitle>
              <AlertDialogDescription>{t('caller.eraseDescription')}</AlertDialogDescription>
            </AlertDialogHeader>
            <form
              className='grid gap-4'
              onSubmit={(event) => {
                event.preventDefault()
                if (confirmsNumber(typed, number, shown)) void confirmErase()
              }}
            >
              <div className='grid gap-1.5'>
                <Label htmlFor={inputId}>{t('caller.typeToConfirm', { number: shown })}</Label>
                <Input
                  id={inputId}
                  value={typed}
                  autoComplete='off'
                  inputMode='tel'
                  onChange={(e) => setTyped(e.target.value)}
                />
              </div>
              <AlertDialogFooter>
                <AlertDialogCancel type='button'>{t('common.cancel')}</AlertDialogCancel>
                <Button
                  type='submit'
                  variant='destructive'
                  disabled={!confirmsNumber(typed, number, shown)}
                  loading={erase.isPending}
                >
                  {t('caller.eraseConfirm')}
                </Button>
              </AlertDialogFooter>
            </form>
          </AlertDialogContent>
        </AlertDialog>
      </div>
    </div>
  )
}
