import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useForm } from 'react-hook-form'
import { Toaster } from 'sonner'
import { describe, expect, it } from 'vitest'
import { useFeedback } from './feedback.ts'
import { ProblemError } from './functions.ts'

const invalidName = new ProblemError({
  type: 'urn:switchboard:problem:validation_failed',
  title: 'The request has invalid fields',
  status: 400,
  code: 'validation_failed',
  errors: [
    { field: 'name', message: 'Too long', code: 'too_big' },
    { field: 'query.limit', message: 'Too big', code: 'too_big' },
  ],
})

const conflict = new ProblemError({
  type: 'urn:switchboard:problem:conflict',
  title: 'Conflict',
  status: 409,
  code: 'already_exists_somewhere',
  detail: 'Someone saved it first',
})

/** A real form and the real toaster: what the user sees is what is asserted. */
function Harness({ fail, success }: { fail?: unknown; success?: string }) {
  const form = useForm({ defaultValues: { name: '' } })
  const withFeedback = useFeedback()
  const submit = form.handleSubmit(() =>
    withFeedback(() => (fail ? Promise.reject(fail) : Promise.resolve('ok')), {
      success,
      failure: 'Could not save',
      form,
    })
  )
  return (
    <>
      <form onSubmit={submit}>
        <input aria-label='name' {...form.register('name')} />
        {form.formState.errors.name && <p role='alert'>{form.formState.errors.name.message}</p>}
        <button type='submit'>Save</button>
      </form>
      <Toaster />
    </>
  )
}

describe('useFeedback', () => {
  it('puts a field error the server named under that field, focused, and toasts nothing', async () => {
    render(<Harness fail={invalidName} />)
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Too long')
    expect(screen.getByLabelText('name')).toHaveFocus()
    expect(screen.queryByText('Could not save')).toBeNull()
  })

  it('toasts a problem that names no field of the form, with its sentence', async () => {
    render(<Harness fail={conflict} />)
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Could not save')).toBeInTheDocument()
    expect(screen.getByText('Someone saved it first')).toBeInTheDocument()
  })

  it('toasts the success message when the action resolves', async () => {
    render(<Harness success='Saved' />)
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Saved')).toBeInTheDocument()
  })
})
