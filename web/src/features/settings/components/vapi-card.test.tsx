import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { VapiSettings, WebhookAuthChange } from '@shared/contracts/settings.ts'
import { ProblemError } from '@/lib/functions.ts'
import { VapiCardView } from './vapi-card.tsx'

const notConfigured: VapiSettings = {
  has_vapi_key: false,
  vapi_api_key_preview: null,
  vapi_api_key_updated_at: null,
  vapi_public_key: null,
  has_webhook_secret: false,
  webhook_secret_preview: null,
  webhook_url: 'http://127.0.0.1:54321/functions/v1/webhooks/vapi/8c9e',
  webhook_credential_id: null,
  webhook_auth: 'none',
  rejected_deliveries: 0,
  last_rejected_at: null,
  last_rejected_reason: null,
}

const configured: VapiSettings = {
  ...notConfigured,
  has_vapi_key: true,
  vapi_api_key_preview: 'sk_live_…9f2c',
  vapi_api_key_updated_at: '2026-11-21T10:25:00Z',
}

const CREDENTIAL = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'
const HMAC_SECRET = 'hmac_0123456789abcdef'

function synced(
  settings: VapiSettings,
  propagation: Partial<WebhookAuthChange['propagation']> = {},
): WebhookAuthChange {
  return {
    settings,
    propagation: { assistants: 3, workflows: 1, phone_numbers: 2, failed: [], ...propagation },
    webhook_synced_at: '2026-11-22T10:30:00Z',
  }
}

function webhookActions(settings: VapiSettings) {
  return {
    onRotate: vi.fn(async () => ({ ...synced(settings), webhook_secret: 'whsec_once' })),
    onSaveHmacCredential: vi.fn(async () => synced(settings)),
    onDeleteHmacCredential: vi.fn(async () => synced(settings)),
    onSync: vi.fn(async () => synced(settings)),
  }
}

function renderCard(
  settings: VapiSettings,
  canManage: boolean,
  overrides: Partial<Parameters<typeof VapiCardView>[0]> = {},
) {
  const props = {
    settings,
    canManage,
    onSaveKey: vi.fn(async () => settings),
    onDeleteKey: vi.fn(async () => undefined),
    onSavePublicKey: vi.fn(async () => settings),
    onDeletePublicKey: vi.fn(async () => undefined),
    webhook: webhookActions(settings),
    ...overrides,
  }
  render(<VapiCardView {...props} />)
  return props
}

describe('Vapi card', () => {
  it('without a key: says "Not configured" and offers a labelled key field', () => {
    renderCard(notConfigured, true)
    expect(screen.getByText('Not configured')).toBeInTheDocument()
    expect(screen.queryByText('Configured')).not.toBeInTheDocument()
    expect(screen.getByLabelText('Vapi private key')).toHaveAttribute('type', 'password')
    expect(screen.getByRole('button', { name: 'Verify and save' })).toBeEnabled()
  })

  it('checks the key with the contract before calling the server', async () => {
    const user = userEvent.setup()
    const props = renderCard(notConfigured, true)
    await user.type(screen.getByLabelText('Vapi private key'), 'short')
    await user.click(screen.getByRole('button', { name: 'Verify and save' }))
    expect(await screen.findByText('Enter a key of at least 8 characters')).toBeInTheDocument()
    expect(screen.getByLabelText('Vapi private key')).toHaveAttribute('aria-invalid', 'true')
    expect(props.onSaveKey).not.toHaveBeenCalled()
  })

  it('shows a key Vapi refused on the field itself', async () => {
    const user = userEvent.setup()
    const props = renderCard(notConfigured, true, {
      onSaveKey: vi.fn(() =>
        Promise.reject(
          new ProblemError({
            type: 'urn:switchboard:problem:vapi_key_invalid',
            title: 'Vapi refused this API key',
            status: 422,
            code: 'vapi_key_invalid',
            errors: [{ field: 'vapi_api_key', message: 'Vapi refused this key', code: 'vapi_key_invalid' }],
          }),
        )
      ),
    })
    await user.type(screen.getByLabelText('Vapi private key'), 'invalid_0123456789')
    await user.click(screen.getByRole('button', { name: 'Verify and save' }))
    expect(props.onSaveKey).toHaveBeenCalledWith({ vapi_api_key: 'invalid_0123456789' })
    expect(await screen.findByText(/Vapi rejected this key/)).toBeInTheDocument()
    expect(screen.getByLabelText('Vapi private key')).toHaveFocus()
  })

  it('with a key: shows "Configured", the preview and the date, and hides the field until Replace', async () => {
    const user = userEvent.setup()
    renderCard(configured, true)
    expect(screen.getByText('Configured')).toBeInTheDocument()
    expect(screen.getByText('sk_live_…9f2c')).toBeInTheDocument()
    expect(screen.getByText(/Updated 21 Nov 2026/)).toBeInTheDocument()
    expect(screen.queryByLabelText('Vapi private key')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Replace' }))
    expect(screen.getByLabelText('New Vapi private key')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByLabelText('New Vapi private key')).not.toBeInTheDocument()
  })

  it('deletes the key only after confirmation', async () => {
    const user = userEvent.setup()
    const props = renderCard(configured, true)
    await user.click(screen.getByRole('button', { name: 'Delete' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete the Vapi key?' })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(props.onDeleteKey).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'Delete' }))
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete key' }),
    )
    expect(props.onDeleteKey).toHaveBeenCalledOnce()
  })

  it('is read-only for a member without settings.manage', () => {
    renderCard(configured, false)
    expect(screen.getByText('Configured')).toBeInTheDocument()
    expect(screen.getByText('sk_live_…9f2c')).toBeInTheDocument()
    expect(screen.getByText(/Only owners and admins can change it/)).toBeInTheDocument()
    for (
      const name of ['Replace', 'Delete', 'Verify and save', 'Generate secret', 'Save', 'Use this credential', 'Re-sync', 'Replace credential']
    ) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument()
    }
    expect(screen.queryByRole('textbox', { name: 'Vapi public key' })).not.toBeInTheDocument()
  })

  it('shows a generated webhook secret once, in a dialog', async () => {
    const user = userEvent.setup()
    const props = renderCard(configured, true)
    expect(screen.getByLabelText('Server URL')).toHaveValue(configured.webhook_url)
    await user.click(screen.getByRole('button', { name: 'Generate secret' }))
    expect(props.webhook.onRotate).toHaveBeenCalledOnce()
    const dialog = await screen.findByRole('dialog', { name: 'Your webhook secret' })
    expect(within(dialog).getByLabelText('Webhook secret')).toHaveValue('whsec_once')
    await user.click(within(dialog).getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByText(/Updated 3 assistants, 1 workflow and 2 phone numbers in Vapi\./)).toBeInTheDocument()
  })

  it('switches to an HMAC credential after checking its UUID and secret, and says what Vapi updated', async () => {
    const user = userEvent.setup()
    const props = renderCard(configured, true)
    expect(screen.getByText('Not authenticated yet')).toBeInTheDocument()
    const field = screen.getByLabelText('Credential ID')
    const secret = screen.getByLabelText('Credential secret')
    expect(secret).toHaveAttribute('type', 'password')
    await user.type(field, 'cred_123')
    await user.click(screen.getByRole('button', { name: 'Use this credential' }))
    expect(await screen.findByText('Enter the credential ID as shown in Vapi (a UUID)')).toBeInTheDocument()
    expect(screen.getByText("Enter the credential's secret")).toBeInTheDocument()
    expect(props.webhook.onSaveHmacCredential).not.toHaveBeenCalled()

    await user.clear(field)
    await user.type(field, CREDENTIAL)
    await user.type(secret, 'too-short')
    await user.click(screen.getByRole('button', { name: 'Use this credential' }))
    expect(await screen.findByText('A credential secret has at least 16 characters')).toBeInTheDocument()
    expect(secret).toHaveAttribute('aria-invalid', 'true')
    expect(props.webhook.onSaveHmacCredential).not.toHaveBeenCalled()

    await user.clear(secret)
    await user.type(secret, HMAC_SECRET)
    await user.click(screen.getByRole('button', { name: 'Use this credential' }))
    expect(props.webhook.onSaveHmacCredential).toHaveBeenCalledWith({ credential_id: CREDENTIAL, secret: HMAC_SECRET })
    expect(await screen.findByText(/Updated 3 assistants, 1 workflow and 2 phone numbers/)).toBeInTheDocument()
    // Sent once: the secret is not kept in the page.
    expect(screen.getByLabelText('Credential secret')).toHaveValue('')
  })

  it('shows a saved HMAC credential by its id only, and replaces it with a new secret', async () => {
    const user = userEvent.setup()
    const hmac: VapiSettings = { ...configured, webhook_credential_id: CREDENTIAL, webhook_auth: 'hmac_credential' }
    const props = renderCard(hmac, true)
    expect(screen.getByText(CREDENTIAL)).toBeInTheDocument()
    expect(screen.getByText('Secret stored encrypted: never shown again.')).toBeInTheDocument()
    expect(screen.queryByLabelText('Credential secret')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Replace credential' }))
    expect(screen.getByLabelText('Credential ID')).toHaveValue(CREDENTIAL)
    expect(screen.getByLabelText('Credential secret')).toHaveValue('')
    await user.type(screen.getByLabelText('Credential secret'), HMAC_SECRET)
    await user.click(screen.getByRole('button', { name: 'Use this credential' }))
    expect(props.webhook.onSaveHmacCredential).toHaveBeenCalledWith({ credential_id: CREDENTIAL, secret: HMAC_SECRET })
    expect(await screen.findByRole('button', { name: 'Replace credential' })).toBeInTheDocument()
    expect(screen.queryByLabelText('Credential secret')).not.toBeInTheDocument()
  })

  it('counts the rejected deliveries, with the last time and reason, and re-syncs', async () => {
    const user = userEvent.setup()
    const props = renderCard(configured, true)
    expect(screen.getByTestId('rejected-deliveries')).toHaveTextContent('No rejected deliveries.')
    cleanup()

    const rejected: VapiSettings = {
      ...configured,
      webhook_auth: 'secret',
      has_webhook_secret: true,
      rejected_deliveries: 3,
      last_rejected_at: '2026-11-22T09:15:00Z',
      last_rejected_reason: 'signature mismatch',
    }
    const again = renderCard(rejected, true)
    const warning = screen.getByTestId('rejected-deliveries')
    expect(warning).toHaveTextContent('3 deliveries rejected')
    expect(warning).toHaveTextContent(/Last on 22 Nov 2026.*: signature mismatch/)
    expect(warning).toHaveTextContent("Vapi's secret or signature did not match: re-sync or check the credential.")
    await user.click(within(warning).getByRole('button', { name: 'Re-sync' }))
    expect(again.webhook.onSync).toHaveBeenCalledOnce()
    expect(props.webhook.onSync).not.toHaveBeenCalled()
    expect(await screen.findByText(/Updated 3 assistants/)).toBeInTheDocument()
  })

  it('shows the rejected deliveries, without the re-sync, to a member who cannot manage', () => {
    renderCard({ ...configured, rejected_deliveries: 1, last_rejected_at: '2026-11-22T09:15:00Z' }, false)
    const warning = screen.getByTestId('rejected-deliveries')
    expect(warning).toHaveTextContent('1 delivery rejected')
    expect(warning).toHaveTextContent(/Last on 22 Nov 2026/)
    expect(within(warning).queryByRole('button')).not.toBeInTheDocument()
  })

  it('lists what Vapi refused and retries with a full sync', async () => {
    const user = userEvent.setup()
    const hmac: VapiSettings = { ...configured, webhook_credential_id: CREDENTIAL, webhook_auth: 'hmac_credential' }
    const failed = synced(hmac, {
      assistants: 1,
      failed: [{ kind: 'assistant', id: crypto.randomUUID(), name: 'After hours', reason: 'Could not update it' }],
    })
    const webhook = { ...webhookActions(hmac), onDeleteHmacCredential: vi.fn(async () => failed) }
    renderCard(hmac, true, { webhook })
    expect(screen.getByText('HMAC credential')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Remove' }))
    await user.click(await screen.findByRole('button', { name: 'Use the secret' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Vapi refused to update 1 resource')
    expect(alert).toHaveTextContent('Assistant After hours — Could not update it')
    expect(alert).toHaveTextContent('Updated 1 assistant, 1 workflow and 2 phone numbers in Vapi.')
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(webhook.onSync).toHaveBeenCalledOnce()
    expect(await screen.findByText(/Updated 3 assistants/)).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
