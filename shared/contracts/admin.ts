import { defineContract } from './route.ts'

/** The `admin` function. */
export const adminContract = defineContract({
  name: 'admin',
  summary: 'Platform administration: the default prompt templates and the pool of virtual numbers',
  routes: {},
})
