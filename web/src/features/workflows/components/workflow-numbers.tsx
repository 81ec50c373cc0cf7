/**
 * The phone numbers a workflow answers, and (with numbers.manage) giving it another number or taking one
 * back. A number answered by something else changes hands when given here, which the option says.
 */
import { Phone, Unlink } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PhoneNumber } from '@shared/contracts/phone-numbers.ts'
import type { Workflow } from '@shared/contracts/workflows.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { Label } from '@/components/ui/label.tsx'
import { NativeSelect } from '@/components/ui/input.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { formatPhone } from '@/lib/phone.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useNumbers, useUpdateNumber } from '@/features/numbers/index.ts'

function numberLabel(number: PhoneNumber): string {
  const phone = formatPhone(number.number)
  return number.name ? `${number.name} (${phone})` : phone
}

interface Props {
  tenantId: string
  workflow: Workflow
  canAssign: boolean
}

export function WorkflowNumbers({ tenantId, workflow, canAssign }: Props) {
  const { t } = useTranslation()
  const numbers = useNumbers(tenantId)
  const assign = useUpdateNumber(tenantId)
  const withFeedback = useFeedback()
  const [choice, setChoice] = useState('')

  const answered = numbers.data?.filter((n) => n.workflow_id === workflow.id) ?? []
  const others = numbers.data?.filter((n) => n.workflow_id !== workflow.id) ?? []

  const give = async () => {
    const number = others.find((n) => n.id === choice)
    if (!number) return
    const done = await withFeedback(() => assign.mutateAsync({ id: number.id, body: { workflow_id: workflow.id } }), {
      success: t('workflows.numbers.assigned', { number: numberLabel(number) }),
      failure: t('workflows.numbers.assignFailed'),
    })
    if (done) setChoice('')
  }

  const detach = (number: PhoneNumber) =>
    withFeedback(() => assign.mutateAsync({ id: number.id, body: { workflow_id: null } }), {
      success: t('workflows.numbers.detached', { number: numberLabel(number) }),
      failure: t('workflows.numbers.detachFailed'),
    })

  const otherAnswerer = (number: PhoneNumber) =>
    number.answered_by.type === 'nobody'
      ? t('workflows.numbers.free')
      : t('workflows.numbers.answeredBy', { name: number.answered_by.name })

  return (
    <Card aria-labelledby='workflow-numbers-title'>
      <CardHeader>
        <CardTitle id='workflow-numbers-title'>{t('workflows.numbers.title')}</CardTitle>
        <CardDescription>{t('workflows.numbers.description')}</CardDescription>
      </CardHeader>
      <CardContent className='grid gap-4'>
        {numbers.isPending && <Skeleton className='h-10' />}
        {numbers.isError && (
          <Alert variant='destructive' role='alert'>
            {t('workflows.numbers.loadFailed', { reason: problemMessage(numbers.error, t) })}
          </Alert>
        )}
        {numbers.isSuccess && (answered.length === 0
          ? <p className='text-sm text-muted-foreground'>{t('workflows.numbers.none')}</p>
          : (
            <ul className='grid gap-2'>
              {answered.map((number) => (
                <li key={number.id} className='flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2'>
                  <span className='flex items-center gap-2 text-sm font-medium'>
                    <Phone className='size-4 text-muted-foreground' aria-hidden='true' />
                    {numberLabel(number)}
                  </span>
                  {canAssign && (
                    <ConfirmDialog
                      trigger={
                        <Button variant='ghost' size='sm' disabled={assign.isPending}>
                          <Unlink aria-hidden='true' />
                          {t('workflows.numbers.detach')}
                        </Button>
                      }
                      title={t('workflows.numbers.detachTitle', { number: numberLabel(number) })}
                      description={t('workflows.numbers.detachDescription')}
                      confirmLabel={t('workflows.numbers.detach')}
                      onConfirm={() => void detach(number)}
                    />
                  )}
                </li>
              ))}
            </ul>
          ))}
        {numbers.isSuccess && canAssign && others.length > 0 && (
          <div className='grid gap-1.5'>
            <Label htmlFor='workflow-number-choice'>{t('workflows.numbers.assignLabel')}</Label>
            <div className='flex flex-wrap gap-2'>
              <NativeSelect
                id='workflow-number-choice'
                className='min-w-0 flex-1 sm:max-w-md'
                value={choice}
                onChange={(event) => setChoice(event.target.value)}
              >
                <option value=''>{t('workflows.numbers.choose')}</option>
                {others.map((number) => (
                  <option key={number.id} value={number.id}>
                    {`${numberLabel(number)} — ${otherAnswerer(number)}`}
                  </option>
                ))}
              </NativeSelect>
              <Button type='button' onClick={() => void give()} disabled={!choice} loading={assign.isPending}>
                {t('workflows.numbers.assign')}
              </Button>
            </div>
          </div>
        )}
        {numbers.isSuccess && canAssign && numbers.data.length === 0 && (
          <p className='text-sm text-muted-foreground'>{t('workflows.numbers.noneInTenant')}</p>
        )}
      </CardContent>
    </Card>
  )
}
