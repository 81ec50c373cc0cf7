import { ArrowRight, CircleAlert, MicOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert.tsx'
import { buttonVariants } from '@/components/ui/button.tsx'
import { useCan } from '@/features/tenants/index.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import type { CallError } from '../model/call-error.ts'

/** Why the call failed, and what to do about it. */
export function CallErrorMessage({ error }: { error: CallError }) {
  const { t } = useTranslation()
  const canManageSettings = useCan('settings.manage')

  if (error.kind === 'public-key-missing') {
    return (
      <Alert variant='warning' role='alert' className='flex-col sm:flex-row sm:items-center'>
        <CircleAlert aria-hidden='true' />
        <p className='flex-1'>
          {canManageSettings
            ? t('testCall.errors.publicKeyMissing')
            : t('testCall.errors.publicKeyMissingAskAdmin')}
        </p>
        <Link to='/settings/integrations' className={buttonVariants({ variant: 'outline', size: 'sm' })}>
          {t('testCall.openIntegrations')}
          <ArrowRight aria-hidden='true' />
        </Link>
      </Alert>
    )
  }

  const message = error.kind === 'microphone-denied'
    ? t('testCall.errors.microphoneDenied')
    : error.kind === 'microphone-unavailable'
    ? t('testCall.errors.microphoneUnavailable')
    : error.kind === 'insecure-context'
    ? t('testCall.errors.insecureContext')
    : error.kind === 'vapi-unreachable'
    ? t('testCall.errors.vapiUnreachable')
    : error.kind === 'connection-lost'
    ? t('testCall.errors.connectionLost')
    : error.kind === 'vapi'
    ? (error.message
      ? t('testCall.errors.vapi', { message: error.message })
      : t('testCall.errors.vapiGeneric'))
    : problemMessage(error.error, t)
  const Icon = error.kind.startsWith('microphone') || error.kind === 'insecure-context' ? MicOff : CircleAlert
  return (
    <Alert variant='destructive' role='alert'>
      <Icon aria-hidden='true' />
      <p>{message}</p>
    </Alert>
  )
}
