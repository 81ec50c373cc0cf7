import { useCallsTranslation } from '../i18n.ts'
import type { RealtimeStatus } from '../api/realtime.ts'
import { cn } from '@/lib/utils.ts'

/** Whether the page is being kept current: "Live", "Connecting…", or "Not live: refresh to update". */
export function RealtimeIndicator({ status }: { status: RealtimeStatus }) {
  const { t } = useCallsTranslation()
  return (
    <span className='inline-flex items-center gap-1.5 text-xs text-muted-foreground' title={t(`realtime.${status}Hint`)}>
      <span
        aria-hidden='true'
        className={cn(
          'size-2 rounded-full',
          status === 'live' ? 'bg-success' : status === 'connecting' ? 'bg-warning' : 'bg-muted-foreground',
        )}
      />
      {t(`realtime.${status}`)}
    </span>
  )
}
