/**
 * The registry of every function's route table: one entry per folder of supabase/functions that serves a
 * contract. docs/openapi.json is generated from this list (scripts/openapi/generate.ts), and a test
 * (scripts/openapi/contracts.test.ts) fails when a function's contract is missing here, or an entry here has
 * no function, or a function has no [functions.<name>] entry in supabase/config.toml.
 */
import { adminContract } from './admin.ts'
import { assistantsContract } from './assistants.ts'
import { callsContract } from './calls.ts'
import { filesContract } from './files.ts'
import { jobsContract } from './jobs.ts'
import { knowledgeBasesContract } from './knowledge-bases.ts'
import { notificationsContract } from './notifications.ts'
import { phoneNumbersContract } from './phone-numbers.ts'
import { settingsContract } from './settings.ts'
import { testCallsContract } from './test-calls.ts'
import { webhooksContract } from './webhooks.ts'
import { workflowsContract } from './workflows.ts'
import { tenantsContract } from './tenants.ts'

export const CONTRACTS = [
  tenantsContract,
  settingsContract,
  assistantsContract,
  workflowsContract,
  phoneNumbersContract,
  filesContract,
  knowledgeBasesContract,
  adminContract,
  testCallsContract,
  callsContract,
  notificationsContract,
  webhooksContract,
  jobsContract,
] as const

export type AnyContract = (typeof CONTRACTS)[number]
