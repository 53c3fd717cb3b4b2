// The engine's link to a shared archive named beside the folders ("corroborate.corpus": ["sources",
// "postgres://desk@db/archive"]). Checks read the local sources and the archive together (CombinedReader);
// when the database cannot be reached, or stops answering, the local sources go on alone and the state
// says why (the status bar shows it), and the link is tried again before a check once a while has passed.
// Only the engine's worker loads this (and the database client with it).
import type pg from 'pg'
import {VFile} from 'vfile'
import {checkDraft, type CheckOptions} from '../core/index.js'
import type {Corpus} from '../core/corpus/corpus.js'
import {ArchiveError, assertNoPassword, displayUrl, openPool} from '../core/corpus/archive/connect.js'
import {ArchiveReader, checkAgainstArchive} from '../core/corpus/archive/reader.js'
import {ARCHIVE_IDS, CombinedReader} from '../core/corpus/archive/combined.js'

/** What the status bar and the sources report say of the archive. */
export interface ArchiveState {
  /** Without its password. */
  url: string
  connected: boolean
  /** Sentences the archive holds (when connected). */
  sentences: number
  /** Why it is not used (one line), when it is not. */
  message?: string
}

/** An unreachable archive is tried again at most this often (CORROBORATE_ARCHIVE_RETRY_MS: for tests). */
const RETRY_MS = Number(process.env.CORROBORATE_ARCHIVE_RETRY_MS) || 30_000
/** A statement the database has not answered in this long fails the check over to the local sources. */
const STATEMENT_TIMEOUT_MS = 15_000
/** The reader keeps what it fetched; past this many articles or postings it starts afresh (an editing session
 * is long; a check at 1 M sentences brings ~500 articles and ~1 M postings, ~10 MB as text). */
const MAX_ARTICLES = 5_000
const MAX_POSTINGS = 10_000_000

export class ArchiveLink {
  #pool?: pg.Pool
  #reader?: ArchiveReader
  #combined?: CombinedReader
  #message?: string
  #tried = -Infinity
  #closed = false
  #connecting?: Promise<void>

  /** `where`: the setting or file the URL was written in (a password there is refused). */
  constructor(
    readonly url: string,
    readonly where: string
  ) {}

  get state(): ArchiveState {
    return {url: displayUrl(this.url), connected: Boolean(this.#reader), sentences: this.#reader?.sentenceCount ?? 0, ...(this.#message ? {message: this.#message} : {})}
  }

  /** Connects when not connected and a while has passed since the last try (now, with `force`); one try at a
   * time. Never throws. */
  connect(force = false): Promise<void> {
    if (this.#connecting) return this.#connecting
    if (this.#reader || this.#closed || (!force && Date.now() - this.#tried < RETRY_MS)) return Promise.resolve()
    this.#tried = Date.now()
    this.#connecting = this.#open().finally(() => (this.#connecting = undefined))
    return this.#connecting
  }

  async #open(): Promise<void> {
    try {
      assertNoPassword(this.url, this.where)
      const pool = await openPool(this.url, {max: 2, statementTimeoutMs: STATEMENT_TIMEOUT_MS})
      try {
        const reader = await new ArchiveReader(pool, this.url, {idOffset: ARCHIVE_IDS}).open()
        if (this.#closed) throw new ArchiveError('closed')
        this.#pool = pool
        this.#reader = reader
        this.#message = undefined
      } catch (error) {
        await pool.end().catch(() => undefined)
        throw error
      }
    } catch (error) {
      this.#message = error instanceof ArchiveError ? error.message : `cannot use the archive ${displayUrl(this.url)} (${(error as Error).message.split('\n')[0]})`
    }
  }

  /** Checks a draft against the local sources and the archive; against the local ones alone while the
   * archive cannot be used. */
  async check(draft: {path: string; value: string}, local: Corpus, options: CheckOptions): Promise<VFile> {
    // Tried again in the background: a check never waits on a database that does not answer (a host gone
    // behind a VPN holds a connection attempt for seconds); the next check uses it once it is back.
    void this.connect()
    if (this.#reader && this.#pool && (this.#reader.sources.length > MAX_ARTICLES || this.#reader.postingsHeld > MAX_POSTINGS)) {
      try {
        this.#reader = await new ArchiveReader(this.#pool, this.url, {idOffset: ARCHIVE_IDS}).open()
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error
        this.#drop(error.message)
      }
    }
    const reader = this.#reader
    if (reader) {
      if (this.#combined?.local !== local || this.#combined.archive !== reader) this.#combined = new CombinedReader(local, reader)
      try {
        return await checkAgainstArchive(draft, this.#combined, options)
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error
        this.#drop(error.message)
      }
    }
    return checkDraft(new VFile(draft), local, options)
  }

  /** An article's text to open in the editor; undefined when there is no such article. */
  async article(id: number): Promise<{path: string; title?: string; text: string} | undefined> {
    await this.connect(true)
    if (!this.#reader) throw new ArchiveError(this.#message ?? `cannot use the archive ${displayUrl(this.url)}`)
    // Opening one article failing says nothing of the checks: the link stays as it is.
    return this.#reader.article(id)
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#reader = undefined
    this.#combined = undefined
    await this.#pool?.end().catch(() => undefined)
  }

  /** The connection failed under a check: local sources alone until the next try. */
  #drop(message: string) {
    void this.#pool?.end().catch(() => undefined)
    this.#pool = undefined
    this.#reader = undefined
    this.#combined = undefined
    this.#message = message
    this.#tried = Date.now()
  }
}
