/**
 * The auth tables (auth.users, auth.sessions, auth.refresh_tokens) as GoTrue uses them, read and written
 * by the table owner: the API roles have no grant on the auth schema.
 */
import type postgres from 'postgres'

export type Sql = postgres.Sql | postgres.TransactionSql

export interface UserRow {
  id: string
  aud: string
  role: string
  email: string
  encrypted_password: string | null
  email_confirmed_at: Date | null
  last_sign_in_at: Date | null
  raw_app_meta_data: Record<string, unknown>
  raw_user_meta_data: Record<string, unknown>
  phone: string | null
  is_anonymous: boolean
  banned_until: Date | null
  created_at: Date
  updated_at: Date
}

export interface SessionRow {
  id: string
  user_id: string
  created_at: Date
  not_after: Date | null
}

export interface RefreshTokenRow {
  id: string
  token: string
  revoked: boolean
  parent: string | null
  session_id: string | null
  updated_at: Date
}

const USER_COLUMNS = `id, aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, phone, is_anonymous, banned_until, created_at, updated_at`

export async function findUserByEmail(sql: Sql, email: string): Promise<UserRow | undefined> {
  const [user] = await sql.unsafe<UserRow[]>(
    `select ${USER_COLUMNS} from auth.users where lower(email) = lower($1) and deleted_at is null`,
    [email],
  )
  return user
}

export async function findUserById(sql: Sql, id: string): Promise<UserRow | undefined> {
  const [user] = await sql.unsafe<UserRow[]>(
    `select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null`,
    [id],
  )
  return user
}

export async function insertUser(
  sql: Sql,
  fields: { email: string; passwordHash: string; userMetadata: Record<string, unknown> },
): Promise<UserRow> {
  const [user] = await sql.unsafe<UserRow[]>(
    `insert into auth.users (aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at,
       raw_app_meta_data, raw_user_meta_data)
     values ('authenticated', 'authenticated', $1, $2, now(), now(), $3::text::jsonb, $4::text::jsonb)
     returning ${USER_COLUMNS}`,
    [
      fields.email,
      fields.passwordHash,
      JSON.stringify({ provider: 'email', providers: ['email'] }),
      JSON.stringify(fields.userMetadata),
    ],
  )
  return user
}

export async function updateUser(
  sql: Sql,
  id: string,
  fields: {
    email?: string
    passwordHash?: string
    userMetadata?: Record<string, unknown>
    signedIn?: boolean
  },
): Promise<UserRow> {
  const [user] = await sql.unsafe<UserRow[]>(
    `update auth.users set
       email = coalesce($2::text, email),
       encrypted_password = coalesce($3::text, encrypted_password),
       raw_user_meta_data = coalesce($4::text::jsonb, raw_user_meta_data),
       last_sign_in_at = case when $5::boolean then now() else last_sign_in_at end,
       updated_at = now()
     where id = $1
     returning ${USER_COLUMNS}`,
    [
      id,
      fields.email ?? null,
      fields.passwordHash ?? null,
      fields.userMetadata ? JSON.stringify(fields.userMetadata) : null,
      fields.signedIn ?? false,
    ],
  )
  return user
}

export async function createSession(sql: Sql, userId: string): Promise<SessionRow> {
  const [session] = await sql<SessionRow[]>`
    insert into auth.sessions (user_id) values (${userId}) returning id, user_id, created_at, not_after`
  return session
}

export async function findSession(sql: Sql, id: string): Promise<SessionRow | undefined> {
  const [session] = await sql<SessionRow[]>`
    select id, user_id, created_at, not_after from auth.sessions where id = ${id}`
  return session
}

/** A fresh opaque refresh token; `parent` links it to the one it replaced (GoTrue's token family). */
export async function insertRefreshToken(
  sql: Sql,
  session: SessionRow,
  parent: string | null,
): Promise<RefreshTokenRow> {
  const token = randomToken()
  const [row] = await sql<RefreshTokenRow[]>`
    insert into auth.refresh_tokens (token, user_id, parent, session_id)
    values (${token}, ${session.user_id}, ${parent}, ${session.id})
    returning id::text, token, revoked, parent, session_id, updated_at`
  return row
}

export async function findRefreshTokenForUpdate(
  sql: Sql,
  token: string,
): Promise<RefreshTokenRow | undefined> {
  const [row] = await sql<RefreshTokenRow[]>`
    select id::text, token, revoked, parent, session_id, updated_at from auth.refresh_tokens
    where token = ${token} for update`
  return row
}

export async function activeRefreshToken(sql: Sql, sessionId: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await sql<RefreshTokenRow[]>`
    select id::text, token, revoked, parent, session_id, updated_at from auth.refresh_tokens
    where session_id = ${sessionId} and not revoked order by id desc limit 1`
  return row
}

export async function revokeRefreshToken(sql: Sql, id: string): Promise<void> {
  await sql`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${id}`
}

/** GoTrue's answer to a reused token: every token of the session is revoked. */
export async function revokeTokenFamily(sql: Sql, sessionId: string): Promise<void> {
  await sql`update auth.refresh_tokens set revoked = true, updated_at = now()
    where session_id = ${sessionId} and not revoked`
}

export async function touchSession(sql: Sql, id: string): Promise<void> {
  await sql`update auth.sessions set refreshed_at = now(), updated_at = now() where id = ${id}`
}

/** Deletes sessions (their refresh tokens cascade) of a user: all, only `only`, or all but `except`. */
export async function deleteSessions(
  sql: Sql,
  userId: string,
  which: { only?: string; except?: string } = {},
): Promise<void> {
  if (which.only) await sql`delete from auth.sessions where id = ${which.only} and user_id = ${userId}`
  else if (which.except) {
    await sql`delete from auth.sessions where user_id = ${userId} and id <> ${which.except}`
  } else await sql`delete from auth.sessions where user_id = ${userId}`
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}
