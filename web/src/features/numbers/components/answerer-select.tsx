/**
 * Gives a number to an assistant or a workflow, or to nobody. The choice reaches Vapi at once; an inactive
 * assistant is marked so, since it will not answer until it is activated.
 */
import { useTranslation } from 'react-i18next'
import type { PhoneNumber, PhoneNumberAnswerers, UpdatePhoneNumberBody } from '@shared/contracts/phone-numbers.ts'
import { NativeSelect } from '@/components/ui/input.tsx'

const NOBODY = 'nobody'

function currentValue(number: PhoneNumber): string {
  if (number.assistant_id) return `assistant:${number.assistant_id}`
  if (number.workflow_id) return `workflow:${number.workflow_id}`
  return NOBODY
}

function toBody(value: string): UpdatePhoneNumberBody {
  const [kind, id] = value.split(':')
  if (kind === 'assistant') return { assistant_id: id }
  if (kind === 'workflow') return { workflow_id: id }
  return { assistant_id: null, workflow_id: null }
}

interface Props {
  id: string
  number: PhoneNumber
  answerers: PhoneNumberAnswerers | undefined
  disabled?: boolean
  onChange: (body: UpdatePhoneNumberBody) => void
}

export function AnswererSelect({ id, number, answerers, disabled, onChange }: Props) {
  const { t } = useTranslation()
  return (
    <NativeSelect
      id={id}
      value={currentValue(number)}
      disabled={disabled || !answerers}
      onChange={(event) => onChange(toBody(event.target.value))}
      className='sm:max-w-72'
    >
      <option value={NOBODY}>{t('numbers.assign.nobody')}</option>
      {!!answerers?.assistants.length && (
        <optgroup label={t('numbers.assign.assistants')}>
          {answerers.assistants.map((a) => (
            <option key={a.id} value={`assistant:${a.id}`}>
              {a.active ? a.name : t('numbers.assign.inactiveAssistant', { name: a.name })}
            </option>
          ))}
        </optgroup>
      )}
      {!!answerers?.workflows.length && (
        <optgroup label={t('numbers.assign.workflows')}>
          {answerers.workflows.map((w) => <option key={w.id} value={`workflow:${w.id}`}>{w.name}</option>)}
        </optgroup>
      )}
    </NativeSelect>
  )
}
