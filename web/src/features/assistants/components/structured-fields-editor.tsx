/** A small editor of the data each call's analysis extracts (name, type, description, required) → JSON schema. */
import { Plus, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { StructuredDataSchema, StructuredField } from '@shared/contracts/assistants.ts'
import { Button } from '@/components/ui/button.tsx'
import { Input, NativeSelect } from '@/components/ui/input.tsx'

export interface FieldRow {
  name: string
  type: StructuredField['type']
  description: string
  required: boolean
}

const TYPES: StructuredField['type'][] = ['string', 'number', 'integer', 'boolean']

export function rowsFromSchema(schema: StructuredDataSchema | null): FieldRow[] {
  if (!schema) return []
  return Object.entries(schema.properties).map(([name, field]) => ({
    name,
    type: field.type,
    description: field.description ?? '',
    required: (schema.required ?? []).includes(name),
  }))
}

export function schemaFromRows(rows: FieldRow[]): StructuredDataSchema | null {
  const named = rows.filter((r) => r.name.trim())
  if (named.length === 0) return null
  return {
    type: 'object',
    properties: Object.fromEntries(
      named.map((r) => [r.name.trim(), { type: r.type, ...(r.description.trim() ? { description: r.description.trim() } : {}) }]),
    ),
    required: named.filter((r) => r.required).map((r) => r.name.trim()),
  }
}

export function StructuredFieldsEditor({ rows, onChange, disabled }: {
  rows: FieldRow[]
  onChange: (rows: FieldRow[]) => void
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const set = (index: number, patch: Partial<FieldRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  return (
    <fieldset className='grid gap-2' disabled={disabled}>
      <legend className='text-sm font-medium'>{t('assistants.form.structured')}</legend>
      <p className='text-xs text-muted-foreground'>{t('assistants.form.structuredHint')}</p>
      {rows.map((row, index) => (
        <div key={index} className='grid grid-cols-1 gap-2 sm:grid-cols-[1fr_8rem_2fr_auto_auto] sm:items-center'>
          <Input
            aria-label={t('assistants.form.fieldName')}
            placeholder='caller_name'
            value={row.name}
            onChange={(e) => set(index, { name: e.target.value.toLowerCase().replace(/[^a-z0-9_]/g, '_') })}
          />
          <NativeSelect
            aria-label={t('assistants.form.fieldType')}
            value={row.type}
            onChange={(e) => set(index, { type: e.target.value as FieldRow['type'] })}
          >
            {TYPES.map((type) => <option key={type} value={type}>{t(`assistants.form.types.${type}`)}</option>)}
          </NativeSelect>
          <Input
            aria-label={t('assistants.form.fieldDescription')}
            placeholder={t('assistants.form.fieldDescription')}
            value={row.description}
            onChange={(e) => set(index, { description: e.target.value })}
          />
          <label className='flex items-center gap-1.5 text-sm'>
            <input type='checkbox' checked={row.required} onChange={(e) => set(index, { required: e.target.checked })} />
            {t('assistants.form.fieldRequired')}
          </label>
          <Button
            type='button'
            variant='ghost'
            size='sm'
            aria-label={t('assistants.form.removeField', { name: row.name || index + 1 })}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <Trash2 aria-hidden='true' />
          </Button>
        </div>
      ))}
      <Button
        type='button'
        variant='outline'
        size='sm'
        className='justify-self-start'
        disabled={rows.length >= 20}
        onClick={() => onChange([...rows, { name: '', type: 'string', description: '', required: false }])}
      >
        <Plus aria-hidden='true' />
        {t('assistants.form.addField')}
      </Button>
    </fieldset>
  )
}
