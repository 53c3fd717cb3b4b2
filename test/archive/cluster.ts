// A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, a server on a free loopback
// port, removed when stopped. As root (CI), the server runs as the `postgres` user, as PostgreSQL requires.
import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface Cluster {
  url: string
  /** The URL of another database on the same server, created empty (`options`: createdb's, e.g. its collation). */
  database(name: string, options?: string[]): string
  stop(): void
}

/** The folder of initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], {encoding: 'utf8'}).stdout.trim()
  if (onPath) return path.dirname(fs.realpathSync(onPath))
  const base = '/usr/lib/postgresql'
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : []
  return versions.map((v) => path.join(base, v, 'bin')).find((bin) => fs.existsSync(path.join(bin, 'initdb')))
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL is not installed (initdb not found): run .ci/install-postgres.sh')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-pg-'))
  const asRoot = process.getuid?.() === 0
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] as const : [path.join(bin, tool), args] as const
    execFileSync(command[0], command[1] as string[], {stdio: ['ignore', 'ignore', 'pipe']})
  }
  if (asRoot) execFileSync('chown', ['postgres', dir])
  const data = path.join(dir, 'data')
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'corroborate', '-E', 'UTF8', '--locale=C', '--no-sync'])
  // Trust for the test's own superuser; a password (SCRAM) for the role "reporter", as a desk would have it.
  const hba = path.join(data, 'pg_hba.conf')
  fs.writeFileSync(hba, `host all reporter 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, 'utf8')}`)
  const port = await freePort()
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off -c synchronous_commit=off`, 'start'])
  const url = (db: string) => `postgres://corroborate@127.0.0.1:${port}/${db}`
  return {
    url: url('postgres'),
    database(name: string, options: string[] = []) {
      execFileSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'corroborate', ...options, name])
      return url(name)
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        fs.rmSync(dir, {recursive: true, force: true})
      }
    }
  }
}
