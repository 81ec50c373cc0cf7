import { defineContract } from './route.ts'

/** The `phone-numbers` function. */
export const phoneNumbersContract = defineContract({
  name: 'phone-numbers',
  summary:
    "A tenant's phone numbers: free Vapi numbers, imported Twilio numbers, the platform pool, and what answers each",
  routes: {},
})
