/**
 * How a cross-reference is written, as DocFX reads it: the uid with an
 * optional query (`?displayProperty=fullName`, `?text=Shown text`) and
 * `#anchor`, and where `@uid` shorthands stand in running text
 * (Docfx.MarkdigEngine.Extensions, XrefInlineShortParser).
 */

export interface XrefReference {
  /** The uid, percent-decoded (`System.String.%23ctor` names `System.String.#ctor`). */
  uid: string
  /** Which property of the target names it when the link has no text (`name`, `fullName`, `nameWithType`). */
  displayProperty: string | undefined
  /** `?text=`: the link text, whatever the target's name. */
  text: string | undefined
  /** The fragment as written, without `#`; kept on the URL. */
  hash: string
}

/**
 * Read `uid?query#anchor` (what follows `xref:`, or an `@` shorthand).
 * @example parseXrefReference('a.b?displayProperty=fullName#x') // => {uid: 'a.b', displayProperty: 'fullName', text: undefined, hash: 'x'}
 */
export function parseXrefReference(written: string): XrefReference {
  const hashAt = written.indexOf('#')
  const beforeHash = hashAt === -1 ? written : written.slice(0, hashAt)
  const hash = hashAt === -1 ? '' : written.slice(hashAt + 1)
  const queryAt = beforeHash.indexOf('?')
  const uid = decode((queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt)).trim())
  const query = new URLSearchParams(queryAt === -1 ? '' : beforeHash.slice(queryAt + 1))
  return { uid, displayProperty: query.get('displayProperty') ?? undefined, text: query.get('text') ?? undefined, hash }
}

/** An `@uid` or `@"uid"` in a run of text: `start`/`end` are offsets into it, `end` exclusive. */
export interface XrefShortcut {
  start: number
  end: number
  /** What follows `@` without its quotes: a reference for `parseXrefReference`. */
  reference: string
}

/** Characters that end a shorthand uid (DocFX's stop characters). */
const stopCharacters = `"'<>[]|`
/** Punctuation that is part of the uid only when more uid follows (`@a.b.` ends at `b`). */
const continuableCharacters = '.,;:!?~'

/**
 * The `@` shorthands in `text`, by DocFX's rules: `@` then an ASCII letter,
 * up to white space or one of `"'<>[]|`, trailing `.,;:!?~` left out; or
 * `@"…"` / `@'…'` on one line. Unlike DocFX, an `@` right after a letter,
 * digit, `_`, `@` or `\` starts nothing, so `someone@contoso.com` is never a
 * reference (DocFX makes an unresolved shorthand text again, so the page
 * reads the same). `escaped(offset)` says whether the writer escaped the
 * `@` at `offset` (`\@`), which the Markdown parser has already removed.
 */
export function findXrefShortcuts(text: string, escaped: (offset: number) => boolean = () => false): XrefShortcut[] {
  const found: XrefShortcut[] = []
  let at = text.indexOf('@')
  while (at !== -1) {
    const shortcut = at > 0 && /[\p{L}\p{N}_@\\]/u.test(text[at - 1]!) || escaped(at) ? undefined : shortcutAt(text, at)
    if (shortcut) found.push(shortcut)
    at = text.indexOf('@', shortcut ? shortcut.end : at + 1)
  }
  return found
}

function shortcutAt(text: string, at: number): XrefShortcut | undefined {
  const first = text[at + 1]
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, at + 2)
    const reference = close === -1 ? '' : text.slice(at + 2, close)
    if (!reference.trim() || /[\r\n]/.test(reference)) return undefined
    return { start: at, end: close + 1, reference }
  }
  if (first === undefined || !/[A-Za-z]/.test(first)) return undefined
  let end = at + 1
  while (end < text.length) {
    const char = text[end]!
    if (/\s/.test(char) || stopCharacters.includes(char)) break
    const next = text[end + 1]
    if (continuableCharacters.includes(char) && (next === undefined || /\s/.test(next) || stopCharacters.includes(next) || continuableCharacters.includes(next))) break
    end++
  }
  return { start: at, end, reference: text.slice(at + 1, end) }
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
