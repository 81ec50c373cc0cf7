import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils.ts'

const BARS = 12

/** The assistant's output level (0..1) as a row of bars; a meter for assistive technology. */
export function VolumeMeter({ level, active }: { level: number; active: boolean }) {
  const { t } = useTranslation()
  const percent = Math.round(level * 100)
  const lit = Math.round(level * BARS)
  return (
    <div
      role='meter'
      aria-label={t('testCall.volume')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
      className='flex h-6 items-end gap-0.5'
    >
      {Array.from({ length: BARS }, (_, i) => (
        <span
          key={i}
          aria-hidden='true'
          className={cn(
            'w-1.5 rounded-sm transition-[height,background-color] duration-100',
            active && i < lit ? 'bg-primary' : 'bg-muted-foreground/25',
          )}
          style={{ height: `${30 + (70 * (i + 1)) / BARS}%` }}
        />
      ))}
    </div>
  )
}
