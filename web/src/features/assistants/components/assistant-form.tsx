/**
 * The create/edit form of an assistant: identity and prompts (with "Start from my profession", previewing
 * the rendered template), voice, model and transcriber, call handling, analysis (summary and extracted
 * fields) and knowledge base. Server problems land under the field they name.
 */
import { Sparkles } from 'lucide-react'
import { useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import {
  ASSISTANT_NAME_MAX,
  type Assistant,
  type CreateAssistantBody,
  DEEPGRAM_MODELS,
  OPENAI_MODELS,
  VOICE_PROVIDERS,
} from '@shared/contracts/assistants.ts'
import { LANGUAGES, type Language } from '@shared/languages.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input, NativeSelect, Textarea } from '@/components/ui/input.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { useTemplate } from '../api/queries.ts'
import { rowsFromSchema, schemaFromRows, StructuredFieldsEditor } from './structured-fields-editor.tsx'

interface Values {
  name: string
  first_message: string
  system_prompt: string
  language: Language
  voice: { provider: (typeof VOICE_PROVIDERS)[number]; voice_id: string }
  model: { provider: 'openai'; model: (typeof OPENAI_MODELS)[number] }
  transcriber: { provider: 'deepgram'; model: (typeof DEEPGRAM_MODELS)[number] }
  end_call_phrases: string
  recording_enabled: boolean
  summary_prompt: string
  knowledge_base_id: string
}

function initial(assistant: Assistant | undefined, language: Language): Values {
  const lang = (LANGUAGES as readonly string[]).includes(assistant?.language ?? '') ? assistant!.language as Language : language
  return {
    name: assistant?.name ?? '',
    first_message: assistant?.first_message ?? '',
    system_prompt: assistant?.system_prompt ?? '',
    language: lang,
    voice: {
      provider: (assistant?.voice?.provider as Values['voice']['provider']) ?? '11labs',
      voice_id: assistant?.voice?.voice_id ?? 'sarah',
    },
    model: { provider: 'openai', model: (assistant?.model?.model as Values['model']['model']) ?? 'gpt-4o-mini' },
    transcriber: { provider: 'deepgram', model: (assistant?.transcriber?.model as Values['transcriber']['model']) ?? 'nova-3' },
    end_call_phrases: (assistant?.end_call_phrases ?? []).join('\n'),
    recording_enabled: assistant?.recording_enabled ?? true,
    summary_prompt: assistant?.summary_prompt ?? '',
    knowledge_base_id: assistant?.knowledge_base_id ?? '',
  }
}

export interface KnowledgeBaseOption {
  id: string
  name: string
}

export function AssistantForm({ tenantId, tenantLanguage, assistant, knowledgeBases, disabled, onSubmit, submitLabel }: {
  tenantId: string
  tenantLanguage: Language
  assistant?: Assistant
  knowledgeBases: KnowledgeBaseOption[]
  disabled?: boolean
  onSubmit: (body: CreateAssistantBody) => Promise<unknown>
  submitLabel: string
}) {
  const { t } = useTranslation()
  const withFeedback = useFeedback()
  const form = useForm<Values>({ defaultValues: initial(assistant, tenantLanguage) })
  const [fields, setFields] = useState(() => rowsFromSchema(assistant?.structured_data_schema ?? null))
  const [askTemplate, setAskTemplate] = useState(false)
  const language = useWatch({ control: form.control, name: 'language' })
  const template = useTemplate(tenantId, language, askTemplate)
  const errors = form.formState.errors

  const applyTemplate = () => {
    if (!template.data) return
    form.setValue('system_prompt', template.data.system_prompt, { shouldDirty: true })
    form.setValue('first_message', template.data.first_message, { shouldDirty: true })
    setAskTemplate(false)
  }

  const submit = form.handleSubmit(async (values) => {
    const body: CreateAssistantBody = {
      ...values,
      end_call_phrases: values.end_call_phrases.split('\n').map((p) => p.trim()).filter(Boolean),
      summary_prompt: values.summary_prompt.trim() || null,
      structured_data_schema: schemaFromRows(fields),
      knowledge_base_id: values.knowledge_base_id || null,
    }
    await withFeedback(() => onSubmit(body), { failure: t('assistants.form.saveFailed'), form })
  })

  return (
    <form onSubmit={submit} className='grid gap-5' noValidate>
      <fieldset className='grid gap-4 sm:grid-cols-2' disabled={disabled}>
        <FormField label={t('assistants.form.name')} error={errors.name?.message} hint={t('assistants.form.nameHint', { max: ASSISTANT_NAME_MAX })}>
          <Input maxLength={ASSISTANT_NAME_MAX} {...form.register('name', { required: t('validation.required') })} />
        </FormField>
        <FormField label={t('assistants.form.language')} error={errors.language?.message}>
          <NativeSelect {...form.register('language')}>
            {LANGUAGES.map((l) => <option key={l} value={l}>{t(`language.${l}`)}</option>)}
          </NativeSelect>
        </FormField>
      </fieldset>

      <section className='grid gap-3 rounded-lg border p-4'>
        <div className='flex flex-wrap items-center justify-between gap-2'>
          <h3 className='font-medium'>{t('assistants.form.prompts')}</h3>
          {!disabled && (
            <Button type='button' variant='outline' size='sm' onClick={() => setAskTemplate(true)}>
              <Sparkles aria-hidden='true' />
              {t('assistants.form.fromProfession')}
            </Button>
          )}
        </div>
        {askTemplate && template.isPending && <p className='text-sm text-muted-foreground' role='status'>{t('common.loading')}</p>}
        {askTemplate && template.isError && (
          <Alert variant='destructive' role='alert'>{t('assistants.form.templateMissing')}</Alert>
        )}
        {askTemplate && template.data && (
          <div className='grid gap-2 rounded-md bg-muted p-3 text-sm' aria-live='polite'>
            <p className='font-medium'>{t('assistants.form.templatePreview', { name: template.data.name })}</p>
            <p className='whitespace-pre-wrap text-muted-foreground'>{template.data.system_prompt.slice(0, 600)}</p>
            {template.data.unknown_placeholders.length > 0 && (
              <p className='text-destructive'>
                {t('assistants.form.unknownPlaceholders', { names: template.data.unknown_placeholders.join(', ') })}
              </p>
            )}
            {template.data.missing_placeholders.length > 0 && (
              <p className='text-warning'>
                {t('assistants.form.missingPlaceholders', { names: template.data.missing_placeholders.join(', ') })}
              </p>
            )}
            <div className='flex gap-2'>
              <Button type='button' size='sm' onClick={applyTemplate}>{t('assistants.form.useTemplate')}</Button>
              <Button type='button' size='sm' variant='ghost' onClick={() => setAskTemplate(false)}>{t('common.cancel')}</Button>
            </div>
          </div>
        )}
        <fieldset className='grid gap-3' disabled={disabled}>
          <FormField label={t('assistants.form.firstMessage')} error={errors.first_message?.message}>
            <Input {...form.register('first_message')} />
          </FormField>
          <FormField label={t('assistants.form.systemPrompt')} error={errors.system_prompt?.message} hint={t('assistants.form.systemPromptHint')}>
            <Textarea rows={10} className='min-h-40' {...form.register('system_prompt')} />
          </FormField>
        </fieldset>
      </section>

      <fieldset className='grid gap-4 sm:grid-cols-2' disabled={disabled}>
        <FormField label={t('assistants.form.voiceProvider')}>
          <NativeSelect {...form.register('voice.provider')}>
            {VOICE_PROVIDERS.map((p) => <option key={p} value={p}>{p}</option>)}
          </NativeSelect>
        </FormField>
        <FormField label={t('assistants.form.voiceId')} error={errors.voice?.voice_id?.message} hint={t('assistants.form.voiceIdHint')}>
          <Input {...form.register('voice.voice_id', { required: t('validation.required') })} />
        </FormField>
        <FormField label={t('assistants.form.model')}>
          <NativeSelect {...form.register('model.model')}>
            {OPENAI_MODELS.map((m) => <option key={m} value={m}>{m}</option>)}
          </NativeSelect>
        </FormField>
        <FormField label={t('assistants.form.transcriber')}>
          <NativeSelect {...form.register('transcriber.model')}>
            {DEEPGRAM_MODELS.map((m) => <option key={m} value={m}>Deepgram {m}</option>)}
          </NativeSelect>
        </FormField>
        <FormField label={t('assistants.form.endCallPhrases')} hint={t('assistants.form.endCallPhrasesHint')} error={errors.end_call_phrases?.message}>
          <Textarea rows={3} {...form.register('end_call_phrases')} />
        </FormField>
        <FormField label={t('assistants.form.knowledgeBase')} error={errors.knowledge_base_id?.message}>
          <NativeSelect {...form.register('knowledge_base_id')}>
            <option value=''>{t('assistants.form.noKnowledgeBase')}</option>
            {knowledgeBases.map((kb) => <option key={kb.id} value={kb.id}>{kb.name}</option>)}
          </NativeSelect>
        </FormField>
        <label className='flex items-center gap-2 text-sm sm:col-span-2'>
          <input type='checkbox' {...form.register('recording_enabled')} />
          {t('assistants.form.recording')}
        </label>
        <FormField label={t('assistants.form.summaryPrompt')} hint={t('assistants.form.summaryPromptHint')} className='sm:col-span-2' error={errors.summary_prompt?.message}>
          <Textarea rows={3} {...form.register('summary_prompt')} />
        </FormField>
      </fieldset>

      <StructuredFieldsEditor rows={fields} onChange={setFields} disabled={disabled} />

      {!disabled && (
        <div className='flex justify-end'>
          <Button type='submit' disabled={form.formState.isSubmitting}>{submitLabel}</Button>
        </div>
      )}
    </form>
  )
}
