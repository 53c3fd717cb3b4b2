// pgpass (node-postgres's own reader of ~/.pgpass and PGPASSFILE) ships no types.
declare module 'pgpass' {
  interface ConnectionInfo {
    host: string
    port: string
    database: string
    user: string
  }
  /** Calls back with the matching line's password, or undefined (none, or the file is readable by others). */
  export default function pgpass(info: ConnectionInfo, callback: (password?: string) => void): void
}
