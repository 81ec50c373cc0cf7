import { useMutation } from '@tanstack/react-query'
import { z } from 'zod'
import { supabase } from '@/lib/supabase.ts'

export const signUpInputSchema = z.object({
  fullName: z.string().trim().min(1).max(120),
  email: z.email(),
  password: z.string().min(8).max(72),
})
export type SignUpInput = z.infer<typeof signUpInputSchema>

export async function signUp({ fullName, email, password }: SignUpInput) {
  const { data, error } = await supabase.auth.signUp({
    email,
    password,
    options: { data: { full_name: fullName } },
  })
  if (error) throw error
  // Without a session the project asks for email confirmation first (hosted Supabase); locally there is one.
  return data.session
}

export function useSignUp() {
  return useMutation({ mutationFn: signUp })
}
