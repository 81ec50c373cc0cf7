/**
 * The stand-in's fake service account: an RSA key pair made at start (or kept in
 * `<dataDir>/service-account.json` so URLs signed before a restart still verify), handed out as a key file's
 * JSON exactly like one downloaded from Google's console. Signed URLs are verified against its public key.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { ServiceAccountKey } from '../../../supabase/functions/_shared/storage/gcs.ts'

export const SANDBOX_CLIENT_EMAIL = 'switchboard-sandbox@switchboard-local.iam.gserviceaccount.com'

export interface SandboxAccount {
  /** The key file's JSON (GCS_SERVICE_ACCOUNT_JSON). */
  json: string
  clientEmail: string
  publicKey: KeyObject
}

function keyFile(): ServiceAccountKey & Record<string, string> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    type: 'service_account',
    project_id: 'switchboard-local',
    private_key_id: crypto.randomUUID().replace(/-/g, ''),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    client_email: SANDBOX_CLIENT_EMAIL,
    client_id: '100000000000000000000',
    token_uri: 'https://oauth2.googleapis.com/token',
  }
}

function account(key: ServiceAccountKey): SandboxAccount {
  return {
    json: JSON.stringify(key),
    clientEmail: key.client_email,
    publicKey: createPublicKey(key.private_key),
  }
}

/** The given key, the one kept in `dataDir`, or a new one (saved there when there is a `dataDir`). */
export async function sandboxAccount(given?: ServiceAccountKey, dataDir?: string): Promise<SandboxAccount> {
  if (given) return account(given)
  const file = dataDir ? `${dataDir}/service-account.json` : undefined
  if (file) {
    try {
      return account(JSON.parse(await Deno.readTextFile(file)))
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error
    }
  }
  const key = keyFile()
  if (file) {
    await Deno.mkdir(dataDir!, { recursive: true })
    await Deno.writeTextFile(file, JSON.stringify(key, null, 2) + '\n', { mode: 0o600 })
  }
  return account(key)
}
