/**
 * The build's progress for `tolk build` and `tolk check`: on a terminal one
 * line rewritten in place (pages done, total, time left); in CI and other
 * logs a plain line now and then, so a long build shows it is alive without
 * flooding the log. A build shorter than the first interval, or of fewer than
 * 100 pages, prints nothing: it is over before progress would help.
 * `--quiet` turns it off (build-command.ts).
 */

export interface ProgressOptions {
  /** Writes to the stream the progress goes to (stderr). */
  write: (text: string) => void
  /** A terminal: one line redrawn in place; otherwise a plain line per `plainIntervalMs`. */
  tty: boolean
  /** Milliseconds on a monotonic clock (default `performance.now`). */
  now?: () => number
  /** Plain lines at most this often (default 10 s). */
  plainIntervalMs?: number
  /** Terminal redraws at most this often (default 100 ms). */
  ttyIntervalMs?: number
  /** Builds of fewer pages show no progress (default 100). */
  minPages?: number
}

export interface Progress {
  /** `done` of `total` pages are rendered. */
  update(done: number, total: number): void
  /** The build finished: a terminal's progress line is cleared for the summary. */
  end(): void
}

/** Clear the terminal's current line and go back to its start. */
const clearLine = '\r\x1b[2K'

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now())
  const interval = options.tty ? (options.ttyIntervalMs ?? 100) : (options.plainIntervalMs ?? 10_000)
  const minPages = options.minPages ?? 100
  const started = now()
  let shownAt = started
  let drawn = false
  return {
    update(done, total) {
      if (total < minPages) return
      const at = now()
      if (at - shownAt < interval) return
      shownAt = at
      const line = progressLine(done, total, at - started)
      if (options.tty) {
        options.write(`${clearLine}${line}`)
        drawn = true
      } else {
        options.write(`${line}\n`)
      }
    },
    end() {
      if (drawn) options.write(clearLine)
      drawn = false
    },
  }
}

/** `Rendering 1,234/2,635 pages (47 %), about 12 s left`: the time left once a second of work tells the rate. */
export function progressLine(done: number, total: number, elapsedMs: number): string {
  const percent = total === 0 ? 100 : Math.floor((100 * done) / total)
  const counts = `Rendering ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} pages (${percent} %)`
  if (done === 0 || done >= total || elapsedMs < 1000) return counts
  const leftSeconds = Math.ceil(((total - done) * elapsedMs) / done / 1000)
  return `${counts}, about ${formatDuration(leftSeconds)} left`
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
}
