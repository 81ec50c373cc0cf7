import { Mail, MessageCircle, MessageSquareText } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { ComingSoonButton } from '@/components/coming-soon-button.tsx'
import { Card } from '@/components/ui/card.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

const CHANNELS = [
  { key: 'whatsapp', icon: MessageCircle },
  { key: 'sms', icon: MessageSquareText },
  { key: 'email', icon: Mail },
] as const

export function ChannelsRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.channels'))
  return (
    <>
      <PageHeader title={t('nav.channels')} description={t('channels.description')} />
      <div className='grid gap-3 md:grid-cols-3'>
        {CHANNELS.map(({ key, icon: Icon }) => (
          <Card key={key} className='flex flex-col gap-3 p-5'>
            <span className='flex size-9 items-center justify-center rounded-md bg-accent text-accent-foreground'>
              <Icon className='size-4' aria-hidden='true' />
            </span>
            <div className='grid flex-1 gap-1'>
              <h2 className='font-semibold'>{t(`channels.${key}.title`)}</h2>
              <p className='text-sm text-muted-foreground'>{t(`channels.${key}.description`)}</p>
            </div>
            <div>
              <ComingSoonButton>{t('channels.connect')}</ComingSoonButton>
            </div>
          </Card>
        ))}
      </div>
      <p className='mt-4 text-sm text-muted-foreground'>{t('channels.none')}</p>
    </>
  )
}
