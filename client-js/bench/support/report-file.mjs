/**
 * What every benchmark report shares: its own section of docs/benchmarks.md, spliced in between its markers so
 * that the other benchmarks' sections stay as they are, and a description of the machine and checkout it ran on.
 */
import fs from 'node:fs'
import os from 'node:os'
import { spawnSync } from 'node:child_process'

/**
 * @param {string|null} existing the file's content, null when there is none yet
 * @param {string} section the new section, beginning with `begin` and ending with `end`
 * @param {string} begin the section's first line, a marker
 * @param {string} end the section's last line, a marker
 */
export const spliceSection = (existing, section, begin, end) => {
  if (existing === null) return `# Benchmarks\n\n${section}\n`
  const from = existing.indexOf(begin)
  const to = existing.indexOf(end)
  if (from === -1 || to === -1) return `${existing.trimEnd()}\n\n${section}\n`
  return existing.slice(0, from) + section + existing.slice(to + end.length)
}

/** Writes `section` into `file`, replacing the section between the same markers if there is one. */
export const writeSection = (file, section, begin, end) => {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null
  fs.writeFileSync(file, spliceSection(existing, section, begin, end))
}

/**
 * The machine and the checkout a benchmark runs on.
 *
 * @param {string} repoRoot
 */
export const machine = repoRoot => {
  const git = args => spawnSync('git', ['--no-optional-locks', ...args], { cwd: repoRoot, encoding: 'utf8' })
  const head = git(['rev-parse', '--short', 'HEAD'])
  const changes = git(['status', '--porcelain']).stdout.trim()
  const commit = head.status === 0 ? head.stdout.trim() : 'no commit yet'
  const osRelease = fs.existsSync('/etc/os-release')
    ? (fs.readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?$/m) ?? [])[1]
    : undefined
  return {
    cpu: os.cpus()[0].model.trim(),
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    os: `${osRelease ?? os.type()} (${os.type()} ${os.release()}, ${os.arch()})`,
    weft: commit + (changes ? ' with uncommitted changes' : '')
  }
}
