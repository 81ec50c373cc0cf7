/** What each "get a number" form receives: the tenant, and the submit that shows problems on its fields. */
import type { FieldValues, UseFormReturn } from 'react-hook-form'
import type { CreatePhoneNumberInput } from '@shared/contracts/phone-numbers.ts'

export interface SourceFormProps {
  tenantId: string
  onSubmit: <F extends FieldValues>(
    body: CreatePhoneNumberInput,
    form: Pick<UseFormReturn<F>, 'setError' | 'getValues'>,
  ) => Promise<unknown>
}
