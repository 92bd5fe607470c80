/**
 * Refuse Markdown that would make the parser run for minutes or overflow the
 * stack: micromark's time grows steeply with nesting (800 nested list levels
 * take about 15 s, 3,000 never finish), and vendor or machine-translated
 * content must not be able to hang a build. Real documentation stays far
 * below these limits.
 */
import type { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'

/** Leading spaces (tabs count 4) on one line. */
export const maxIndent = 200
/** `>` markers opening one line. */
export const maxQuoteDepth = 50

const containerMarker = /[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/g
const containerMarkers = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*/
/** `- - -` and `* * *` are rules, not lists. */
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/

/** True when `text` may be parsed; otherwise reports `content-too-complex` on `file` and returns false. */
export function withinComplexityLimits(text: string, file: VFile): boolean {
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    // A blank line's spaces nest nothing (blanked front matter and monikers are such lines).
    if (line.trim() === '') continue
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length
    const quotes = /^(?:[ \t]*>)*/.exec(line)![0].split('>').length - 1
    // `1. 1. 1. …` or `- - > - …` opens a list or quote per marker, as deep as `>>>…`.
    const containers = thematicBreak.test(line) ? quotes : (containerMarkers.exec(line)![0].match(containerMarker) ?? []).length
    if (indent > maxIndent || quotes > maxQuoteDepth || containers > maxQuoteDepth) {
      const what =
        indent > maxIndent
          ? `is indented ${indent} columns (at most ${maxIndent})`
          : quotes > maxQuoteDepth
            ? `nests ${quotes} block quotes (at most ${maxQuoteDepth})`
            : `opens ${containers} lists and block quotes (at most ${maxQuoteDepth})`
      report(file, 'content-too-complex', `This line ${what}; tolk does not render Markdown nested this deep`, { line: index + 1, column: 1 })
      return false
    }
  }
  return true
}
