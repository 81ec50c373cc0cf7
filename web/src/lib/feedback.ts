import type { TFunction } from 'i18next'
import { useCallback } from 'react'
import type { FieldError, FieldValues, Path, UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { isProblemError } from './functions.ts'
import { fieldProblemMessage, problemMessage } from './problem-message.ts'

export interface ProblemTarget<F extends FieldValues = FieldValues> {
  /** The toast's title when the problem is not about a field of the form ("Could not save the key"). */
  failure: string
  /** The form whose fields the server may name: those problems go under the field, not in a toast. */
  form?: Pick<UseFormReturn<F>, 'setError' | 'getValues'>
}

/**
 * The one way a failed call reaches the user: each field error the server named that is a field of the
 * form goes under that field (the first one focused); anything else becomes an error toast with the
 * problem's sentence. Components never catch and toast by hand.
 */
export function showProblem<F extends FieldValues>(error: unknown, t: TFunction, target: ProblemTarget<F>) {
  const fields = target.form ? Object.keys(target.form.getValues() ?? {}) : []
  const onFields = isProblemError(error)
    ? error.errors.filter((e) => fields.includes(e.field.split('.')[0]))
    : []
  if (onFields.length === 0) {
    toast.error(target.failure, { description: problemMessage(error, t) })
    return
  }
  onFields.forEach((e, index) =>
    target.form!.setError(
      e.field as Path<F>,
      { type: 'server', message: fieldProblemMessage(error, e.field, t) },
      { shouldFocus: index === 0 },
    )
  )
}

export interface Feedback<F extends FieldValues> extends ProblemTarget<F> {
  /** The success toast, if the result deserves one. */
  success?: string
}

/**
 * Runs an action with its feedback: the success toast, or the problem shown by showProblem. Resolves to the
 * action's result, or undefined when it failed (already shown).
 */
export function useFeedback() {
  const { t } = useTranslation()
  return useCallback(
    async <T, F extends FieldValues = FieldValues>(
      action: () => Promise<T>,
      feedback: Feedback<F>,
    ): Promise<T | undefined> => {
      try {
        const result = await action()
        if (feedback.success) toast.success(feedback.success)
        return result
      } catch (error) {
        showProblem(error, t, feedback)
        return undefined
      }
    },
    [t],
  )
}

/**
 * The sentence under a field: the server's own when it named the field (already worded for it, see
 * showProblem), else the interface's sentence for the rule the form's schema broke.
 */
export function fieldMessage(error: FieldError | undefined, fallback: string): string | undefined {
  if (!error) return undefined
  return error.type === 'server' && error.message ? error.message : fallback
}
