/**
 * DocFX moniker ranges: with a site `moniker` (e.g. `o365-worldwide`), keep
 * the content of `::: moniker range="…"` blocks whose range names it, drop
 * the others, and drop the marker lines. Works on the raw text, blanking
 * characters instead of removing them, so every line and column stays where
 * it was for diagnostics and for plugins that re-read the source.
 * Ranges with comparisons (`>=aspnetcore-2.1`) cannot be decided here: they are
 * kept as written, and remark-docfx-markers warns about them. So is a range
 * with no `::: moniker-end`: DocFX warns about it and keeps its content, and
 * blanking it would silently drop the rest of the page.
 */

const openLine = /^[ \t]*:{2,3}[ \t]*moniker[ \t]+range[ \t]*=[ \t]*"([^"]*)"[ \t]*$/i
const endLine = /^[ \t]*:{2,3}[ \t]*moniker-end[ \t]*$/i
const fenceLine = /^[ \t]*(`{3,}|~{3,})/

/**
 * True, false, or undefined when the range cannot be decided for `moniker`.
 * @example rangeIncludes('o365-worldwide || o365-germany', 'o365-germany') // => true
 */
export function rangeIncludes(range: string, moniker: string): boolean | undefined {
  const terms = range.split('||').map((term) => term.trim()).filter(Boolean)
  if (terms.some((term) => /[<>=]/.test(term))) return undefined
  return terms.some((term) => term.toLowerCase() === moniker.toLowerCase())
}

/** The text with other monikers' blocks and all decided marker lines blanked. */
export function applyMoniker(text: string, moniker: string): string {
  if (!/moniker/i.test(text)) return text
  const written = text.split('\n')
  const lines = [...written]
  let fence: string | undefined
  let keep: boolean | undefined = true
  let inRange = false
  let openedAt = 0
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const fenceMatch = fenceLine.exec(line)
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1]![0]
      else if (fenceMatch[1]![0] === fence) fence = undefined
    }
    if (fence === undefined || fenceMatch) {
      const open = openLine.exec(line)
      if (open && !inRange) {
        inRange = true
        openedAt = index
        keep = rangeIncludes(open[1]!, moniker)
        if (keep !== undefined) lines[index] = blank(line)
        continue
      }
      if (endLine.test(line) && inRange) {
        if (keep !== undefined) lines[index] = blank(line)
        inRange = false
        keep = true
        continue
      }
    }
    if (inRange && keep === false) lines[index] = blank(line)
  }
  // Never closed: undo, from its opening line on, so its marker is reported and nothing is lost.
  if (inRange) lines.splice(openedAt, lines.length - openedAt, ...written.slice(openedAt))
  return lines.join('\n')
}

function blank(line: string): string {
  return line.replace(/[^\r]/g, ' ')
}
