// The numbers feature's public surface: the Phone numbers page, and the tenant's numbers for other pages.
export { NumbersPage } from './components/numbers-page.tsx'
export { numberKeys } from './api/keys.ts'
export { useNumbers } from './api/get-numbers.ts'
export { type UpdateNumberVariables, useUpdateNumber } from './api/update-number.ts'
