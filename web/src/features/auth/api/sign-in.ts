import { z } from 'zod'
import { supabase } from '@/lib/supabase.ts'

export const signInInputSchema = z.object({
  email: z.email(),
  password: z.string().min(1),
})
export type SignInInput = z.infer<typeof signInInputSchema>

export async function signIn(input: SignInInput) {
  const { data, error } = await supabase.auth.signInWithPassword(input)
  if (error) throw error
  return data.session
}
