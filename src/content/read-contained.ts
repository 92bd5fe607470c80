/**
 * The one way tolk reads a file it did not write itself: articles, includes,
 * TOCs, YAML pages, the redirection file, UI strings, templates. A file is
 * read only when its real path (symbolic links resolved) is inside one of
 * the folders allowed for it, it is a regular file and it is no larger than
 * `maxFileSize`; all three are checked before a byte is read, so a link to
 * `/etc/passwd` can never reach a parser or an error message. Text is
 * decoded strictly: see `decodeText`.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { offsetToPlace } from '../diagnostics/place.ts'
import type { Place } from '../diagnostics/report.ts'
import type { RuleId } from '../diagnostics/rules.ts'

export interface ReadLimits {
  /** Largest file read, in bytes (config `maxFileSize`). */
  maxFileSize: number
}

/** 4 MiB: over eight times the largest file of the Dutch and Turkish corpora (469 KiB). */
export const defaultMaxFileSize = 4 * 1024 * 1024

export const defaultLimits: ReadLimits = { maxFileSize: defaultMaxFileSize }

/** Why a file was not read: `missing` (no such file), `outside` (a link out of its roots), `not-a-file`, `too-large`, `unreadable`. */
export type RefusalKind = 'missing' | 'outside' | 'not-a-file' | 'too-large' | 'unreadable'

export interface Refusal {
  ok: false
  kind: RefusalKind
  /** The rule to report it under, unless the caller has a more specific one. */
  rule: RuleId
  reason: string
}

/** A warning found while decoding, at its place in the decoded text. */
export interface DecodeProblem {
  rule: RuleId
  reason: string
  place: Place
}

export type ContainedBytes = { ok: true; bytes: Buffer; realPath: string } | Refusal
export type ContainedText = { ok: true; text: string; problems: DecodeProblem[]; realPath: string } | Refusal

/**
 * The file's bytes, when it may be read.
 * @param roots folders the file's real path must be inside (their own real paths are used)
 * @param headBytes read only this many bytes from the start (e.g. a first line)
 */
export function readContainedBytes(absPath: string, roots: readonly string[], limits: ReadLimits, headBytes?: number): ContainedBytes {
  const located = locateContained(absPath, roots)
  if (!located.ok) return located
  const { realPath } = located
  if (located.size > limits.maxFileSize && headBytes === undefined) return tooLarge(located.size, limits)
  let descriptor: number | undefined
  try {
    // The real path checked above is the one opened, not the link.
    descriptor = openSync(realPath, 'r')
    // It may have grown between the two looks.
    const size = fstatSync(descriptor).size
    if (size > limits.maxFileSize && headBytes === undefined) return tooLarge(size, limits)
    const length = Math.min(size, headBytes ?? Infinity)
    const bytes = Buffer.alloc(length)
    let filled = 0
    while (filled < length) {
      const read = readSync(descriptor, bytes, filled, length - filled, filled)
      if (read === 0) break
      filled += read
    }
    return { ok: true, bytes: filled < length ? bytes.subarray(0, filled) : bytes, realPath }
  } catch (error) {
    return refuse('unreadable', 'read-error', `Cannot read this file: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`)
  } finally {
    if (descriptor !== undefined) closeSync(descriptor)
  }
}

/**
 * The file's real path and size when it is a regular file inside one of
 * `roots`; nothing is opened (assets are checked this way before copying).
 */
export function locateContained(absPath: string, roots: readonly string[]): { ok: true; realPath: string; size: number } | Refusal {
  const name = path.basename(absPath)
  let realPath: string
  try {
    realPath = realpathSync.native(absPath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? refuse('missing', 'read-error', `Cannot find \`${name}\``)
      : refuse('unreadable', 'read-error', `Cannot read this file: ${code ?? 'unknown error'}`)
  }
  if (!roots.some((root) => isInside(realPath, realRoot(root)))) {
    return refuse('outside', 'file-outside-root', `This file is a link to \`${realPath}\`, outside the folders tolk reads it from; it is not read`)
  }
  try {
    const stats = statSync(realPath)
    // A folder, FIFO or device is never opened: a FIFO would block the build.
    if (!stats.isFile()) return refuse('not-a-file', 'read-error', `\`${name}\` is ${stats.isDirectory() ? 'a folder' : 'not a regular file'}, not a file tolk can read`)
    return { ok: true, realPath, size: stats.size }
  } catch (error) {
    return refuse('unreadable', 'read-error', `Cannot read this file: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`)
  }
}

/** The file's text, decoded by `decodeText`, when it may be read. */
export function readContained(absPath: string, roots: readonly string[], limits: ReadLimits): ContainedText {
  const read = readContainedBytes(absPath, roots, limits)
  if (!read.ok) return read
  return { ok: true, ...decodeText(read.bytes), realPath: read.realPath }
}

/**
 * Bytes to text, as a browser would read them and saying where they are
 * wrong: a UTF-8 BOM is dropped; a UTF-16 BOM (FE FF, FF FE) decodes as
 * UTF-16; invalid UTF-8 becomes U+FFFD with an `invalid-encoding` warning at
 * the first bad byte; NUL becomes U+FFFD with a warning (it must never reach
 * HTML raw); CR and CRLF line endings become LF, so line numbers are what an
 * editor shows.
 */
export function decodeText(bytes: Buffer): { text: string; problems: DecodeProblem[] } {
  const problems: DecodeProblem[] = []
  let text: string
  if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeUtf16(bytes.subarray(2), 'utf-16be', problems)
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeUtf16(bytes.subarray(2), 'utf-16le', problems)
  else {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
    text = normalizeNewlines(body.toString('utf8'))
    const bad = firstInvalidUtf8(body)
    if (bad !== -1) {
      const before = normalizeNewlines(body.subarray(0, bad).toString('utf8'))
      problems.push({
        rule: 'invalid-encoding',
        reason: `Invalid UTF-8 (byte 0x${body[bad]!.toString(16).padStart(2, '0')}); shown as \uFFFD. Save the file as UTF-8`,
        place: offsetToPlace(before, before.length),
      })
    }
  }
  const nul = text.indexOf('\0')
  if (nul !== -1) {
    const count = text.split('\0').length - 1
    problems.push({
      rule: 'invalid-encoding',
      reason: `NUL character${count > 1 ? ` (${count} in this file)` : ''}; shown as \uFFFD`,
      place: offsetToPlace(text, nul),
    })
    text = text.replaceAll('\0', '\uFFFD')
  }
  return { text, problems }
}

function decodeUtf16(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be', problems: DecodeProblem[]): string {
  try {
    return normalizeNewlines(new TextDecoder(encoding, { fatal: true }).decode(bytes))
  } catch {
    problems.push({ rule: 'invalid-encoding', reason: `Invalid ${encoding.toUpperCase()} (an unpaired surrogate or odd length); shown as \uFFFD`, place: { line: 1, column: 1 } })
    return normalizeNewlines(new TextDecoder(encoding).decode(bytes))
  }
}

function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence; -1 when all are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index]!
    if (byte < 0x80) {
      index++
      continue
    }
    // Length and allowed range of the second byte (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
    let length: number
    let low = 0x80
    let high = 0xbf
    if (byte >= 0xc2 && byte <= 0xdf) length = 2
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3
      if (byte === 0xe0) low = 0xa0
      if (byte === 0xed) high = 0x9f
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4
      if (byte === 0xf0) low = 0x90
      if (byte === 0xf4) high = 0x8f
    } else return index
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next]
      const [min, max] = next === 1 ? [low, high] : [0x80, 0xbf]
      if (continuation === undefined || continuation < min || continuation > max) return index
    }
    index += length
  }
  return -1
}

function refuse(kind: RefusalKind, rule: RuleId, reason: string): Refusal {
  return { ok: false, kind, rule, reason }
}

function tooLarge(size: number, limits: ReadLimits): Refusal {
  return refuse(
    'too-large',
    'content-too-large',
    `This file is ${formatBytes(size)}, over the ${formatBytes(limits.maxFileSize)} limit (\`maxFileSize\`); it is not read`,
  )
}

/** `4 MiB`, `5.2 MiB`, `700 KiB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB']
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`
}

function realRoot(root: string): string {
  try {
    return realpathSync.native(root)
  } catch {
    return path.resolve(root)
  }
}

function isInside(realPath: string, root: string): boolean {
  return realPath === root || realPath.startsWith(root.endsWith(path.sep) ? root : root + path.sep)
}
