// Connecting to the shared archive: a postgres:// URL names the server and database; the password comes
// from the standard PostgreSQL environment (PGPASSWORD, ~/.pgpass) and TLS from PGSSLMODE, as psql takes
// them — node-postgres reads all three. A project's .corroborate.json may name the archive but never hold
// its password. Every failure to connect is one line that says what to check, with no password in it.
import pg from 'pg'
import pgpass from 'pgpass'

export {ArchiveError, displayUrl, isArchiveUrl} from '../../config.js'
import {ArchiveError, displayUrl} from '../../config.js'

/** Refuses a password written into a project's configuration file. */
export function assertNoPassword(url: string, where: string) {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ArchiveError(`${where}: '${displayUrl(url)}' is not a valid postgres:// URL — write it as postgres://user@host/database`)
  }
  if (parsed.password || parsed.searchParams.has('password')) {
    throw new ArchiveError(`${where} holds the archive's password — remove it: the password comes from PGPASSWORD or ~/.pgpass, never from the repository`)
  }
}

/** A small pool on the archive, checked first with one connection; statements time out rather than hang. */
export async function openPool(url: string, options: {max?: number; statementTimeoutMs?: number} = {}): Promise<pg.Pool> {
  const config = {
    connectionString: url,
    // The password as psql finds it: in the URL (a command line, never a config file), PGPASSWORD, or the
    // ~/.pgpass line (PGPASSFILE) for this host, port, database and user.
    password: passwordOf(url),
    connectionTimeoutMillis: 10_000,
    statement_timeout: options.statementTimeoutMs ?? 60_000,
    application_name: 'corroborate',
    // Our statements are short look-ups, but at a million sentences the planner's estimates pass JIT's
    // threshold and compiling took 190–280 ms of a 900 ms statement (measured): never worth it here.
    options: '-c jit=off'
  }
  // A connection that fails half-way through authentication stays open until the server gives up (a minute):
  // the probe's socket is closed at once, so a failed command ends at once.
  const probe = new pg.Client(config)
  try {
    await probe.connect()
    await probe.end()
  } catch (error) {
    ;(probe as unknown as {connection?: {stream?: {destroy(): void}}}).connection?.stream?.destroy()
    throw connectionError(url, error)
  }
  const pool = new pg.Pool({...config, max: options.max ?? 4})
  // An idle client the server drops (a restart) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined)
  return pool
}

function passwordOf(url: string): string | (() => Promise<string>) | undefined {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return undefined
  }
  if (u.password) return decodeURIComponent(u.password)
  if (process.env.PGPASSWORD !== undefined) return process.env.PGPASSWORD
  const info = {
    host: u.hostname || process.env.PGHOST || 'localhost',
    port: u.port || process.env.PGPORT || '5432',
    database: decodeURIComponent(u.pathname.slice(1)) || process.env.PGDATABASE || decodeURIComponent(u.username),
    user: decodeURIComponent(u.username) || process.env.PGUSER || ''
  }
  // No line: undefined, which node-postgres reports as a missing password (connectionError says so).
  return () => new Promise((resolve) => pgpass(info, (found?: string) => resolve(found as string)))
}

/** A statement the server refused (a privilege, a constraint): one line with its reason. */
export function refusal(url: string, error: unknown): ArchiveError | undefined {
  const e = error as {code?: string; message?: string; severity?: string}
  if (!e.severity || !e.code) return undefined
  const hint = e.code === '42501' ? ' — see docs/archive.md for the roles an ingest and a check need' : ''
  return new ArchiveError(`the archive ${displayUrl(url)} refused: ${(e.message ?? '').split('\n')[0]} (SQLSTATE ${e.code})${hint}`)
}

/** The connection failed or was cut (not a query's own error). */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as {code?: string}).code ?? ''
  return /^(E[A-Z_]+|08...|57P0[1-3]|28...|3D000)$/.test(code) || /Connection terminated|timeout|password must be a string/i.test((error as Error).message ?? '')
}

/** One line for a failure to reach or log in to the archive. */
export function connectionError(url: string, error: unknown): ArchiveError {
  const e = error as {code?: string; message?: string}
  const where = displayUrl(url)
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused: is the database server running and listening there?',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the host name could not be looked up',
    ETIMEDOUT: 'the connection timed out',
    '28P01': 'password authentication failed: set PGPASSWORD or a ~/.pgpass line for this server',
    '28000': 'the server does not accept this user from here (pg_hba.conf)',
    '3D000': 'the database does not exist: create it first (see docs/archive.md)',
    '42501': 'this user lacks a privilege the archive needs (see docs/archive.md for the roles)'
  }
  // node-postgres asks for SCRAM with no password at all in this words.
  const noPassword = /client password must be a string|password must be a string/i.test(e.message ?? '')
  const reason = (noPassword && 'no password: set PGPASSWORD or a ~/.pgpass line for this server') || (e.code && why[e.code]) || (/timeout/i.test(e.message ?? '') ? 'the connection timed out' : (e.message ?? String(error)).split('\n')[0])
  return new ArchiveError(`cannot use the archive ${where} (${reason})`)
}
