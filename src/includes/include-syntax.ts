/**
 * DocFX include directives as Markdown syntax, read as DocFX's Markdig
 * parsers read them (InclusionBlockParser, InclusionInlineParser and
 * ExtensionsHelper.MatchLink):
 *
 * - `[!include` in any case, then `+` (block) or `-` (inline) may follow,
 *   then spaces, a `[title]` (a `]` inside only as `\]`), a `(path)` (no
 *   spaces; `<path>` allowed; an optional title after a space), and `]`.
 * - A line holding only a directive (and spaces) is a block include, in any
 *   container and also right after a line of text: it interrupts a paragraph.
 *   Indented 4 spaces it is code, as any block.
 * - Anywhere else the directive is inline: in emphasis, headings, table
 *   cells, link text. `\[!INCLUDE …]` is escaped and stays text.
 *
 * The directives become `includeBlock` and `includeInline` nodes, which
 * remarkInclude replaces by the included content. One left unexpanded shows
 * as its own text (`value`).
 */
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import type { Code, Construct, Effects, Extension as MicromarkExtension, State, TokenizeContext } from 'micromark-util-types'
import type { Processor } from 'unified'
import type { Data, Literal } from 'mdast'

/** A directive alone on its line: the included file's blocks go here. */
export interface IncludeBlock extends Literal {
  type: 'includeBlock'
  /** The path as written, escapes removed. */
  url: string
  title: string
  data?: Data
}

/** A directive among text: the included file's inline content goes here. */
export interface IncludeInline extends Literal {
  type: 'includeInline'
  url: string
  title: string
  data?: Data
}

declare module 'mdast' {
  interface BlockContentMap {
    includeBlock: IncludeBlock
  }
  interface PhrasingContentMap {
    includeInline: IncludeInline
  }
  interface RootContentMap {
    includeBlock: IncludeBlock
    includeInline: IncludeInline
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    includeBlock: 'includeBlock'
    includeInline: 'includeInline'
    includeSyntax: 'includeSyntax'
    includeTitle: 'includeTitle'
    includeDestination: 'includeDestination'
  }
}

const codes = {
  exclamationMark: 33,
  leftParenthesis: 40,
  rightParenthesis: 41,
  plusSign: 43,
  dash: 45,
  lessThan: 60,
  greaterThan: 62,
  leftSquareBracket: 91,
  backslash: 92,
  rightSquareBracket: 93,
} as const

const keyword = 'include'

const includeBlockConstruct: Construct = { name: 'includeBlock', tokenize: tokenizer('includeBlock') }
const includeInlineConstruct: Construct = { name: 'includeInline', tokenize: tokenizer('includeInline') }

/** micromark syntax: the block form in flow, the inline form in text. */
export function includeSyntax(): MicromarkExtension {
  return {
    flow: { [codes.leftSquareBracket]: includeBlockConstruct },
    text: { [codes.leftSquareBracket]: includeInlineConstruct },
  }
}

/** mdast-util-from-markdown: the tokens as `includeBlock` / `includeInline` nodes. */
export function includeFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      includeBlock(token) {
        this.enter({ type: 'includeBlock', url: '', title: '', value: '' }, token)
      },
      includeInline(token) {
        this.enter({ type: 'includeInline', url: '', title: '', value: '' }, token)
      },
    },
    exit: {
      includeTitle(token) {
        current(this).title = unescape(this.sliceSerialize(token)).trim()
      },
      includeDestination(token) {
        current(this).url = unescape(this.sliceSerialize(token))
      },
      includeBlock: exitDirective,
      includeInline: exitDirective,
    },
  }
}

/** remark plugin: parse include directives (used on every parser of the pipeline). */
export default function remarkIncludeSyntax(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(includeSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(includeFromMarkdown())
}

function exitDirective(this: CompileContext, token: Token): void {
  current(this).value = this.sliceSerialize(token).trim()
  this.exit(token)
}

function current(context: CompileContext): IncludeBlock | IncludeInline {
  return context.stack[context.stack.length - 1] as IncludeBlock | IncludeInline
}

/**
 * A backslash escapes ASCII punctuation, as everywhere in CommonMark (`\]` in a
 * title). DocFX drops any backslash; tolk keeps one before a letter, so a
 * Windows path (`..\includes\note.md`) reaches the link-backslash check.
 */
function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1')
}

function tokenizer(type: 'includeBlock' | 'includeInline') {
  // DocFX's block parser skips a `+` after the keyword, its inline parser a `-`.
  const variant = type === 'includeBlock' ? codes.plusSign : codes.dash
  return function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let matched = 0
    return start

    function start(code: Code): State | undefined {
      if (code !== codes.leftSquareBracket) return nok(code)
      effects.enter(type)
      effects.enter('includeSyntax')
      effects.consume(code)
      return bang
    }

    function bang(code: Code): State | undefined {
      if (code !== codes.exclamationMark) return nok(code)
      effects.consume(code)
      return word
    }

    function word(code: Code): State | undefined {
      if (matched === keyword.length) {
        if (code === variant) {
          effects.consume(code)
          return beforeTitle
        }
        return beforeTitle(code)
      }
      if (code === null || code < 0 || String.fromCharCode(code).toLowerCase() !== keyword[matched]) return nok(code)
      matched++
      effects.consume(code)
      return word
    }

    /** DocFX skips spaces (not tabs) before the title. */
    function beforeTitle(code: Code): State | undefined {
      if (code === 32) {
        effects.consume(code)
        return beforeTitle
      }
      if (code !== codes.leftSquareBracket) return nok(code)
      effects.consume(code)
      return titleStart
    }

    function titleStart(code: Code): State | undefined {
      if (code === codes.rightSquareBracket) return afterTitle(code)
      if (code === null || markdownLineEnding(code)) return nok(code)
      effects.exit('includeSyntax')
      effects.enter('includeTitle')
      return title(code)
    }

    function title(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code)) return nok(code)
      if (code === codes.rightSquareBracket) {
        effects.exit('includeTitle')
        effects.enter('includeSyntax')
        return afterTitle(code)
      }
      effects.consume(code)
      return code === codes.backslash ? titleEscape : title
    }

    function titleEscape(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code)) return nok(code)
      effects.consume(code)
      return title
    }

    function afterTitle(code: Code): State | undefined {
      effects.consume(code)
      return openParen
    }

    function openParen(code: Code): State | undefined {
      if (code !== codes.leftParenthesis) return nok(code)
      effects.consume(code)
      return beforePath
    }

    function beforePath(code: Code): State | undefined {
      if (markdownSpace(code)) {
        effects.consume(code)
        return beforePath
      }
      if (code === null || markdownLineEnding(code) || code === codes.rightParenthesis) return nok(code)
      if (code === codes.lessThan) {
        effects.consume(code)
        return enclosedStart
      }
      effects.exit('includeSyntax')
      effects.enter('includeDestination')
      return path(code)
    }

    /** `<path>`: up to `>`; DocFX ends it at `)` or a space too. */
    function enclosedStart(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code) || markdownSpace(code) || code === codes.greaterThan || code === codes.rightParenthesis) return nok(code)
      effects.exit('includeSyntax')
      effects.enter('includeDestination')
      return enclosedPath(code)
    }

    function enclosedPath(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code) || markdownSpace(code) || code === codes.rightParenthesis) return nok(code)
      if (code === codes.greaterThan) {
        effects.exit('includeDestination')
        effects.enter('includeSyntax')
        effects.consume(code)
        return afterPath
      }
      effects.consume(code)
      return code === codes.backslash ? enclosedEscape : enclosedPath
    }

    function enclosedEscape(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code) || markdownSpace(code)) return nok(code)
      effects.consume(code)
      return enclosedPath
    }

    /** A bare path: up to `)` or a space. */
    function path(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code)) return nok(code)
      if (code === codes.rightParenthesis || markdownSpace(code)) {
        effects.exit('includeDestination')
        effects.enter('includeSyntax')
        return afterPath(code)
      }
      effects.consume(code)
      return code === codes.backslash ? pathEscape : path
    }

    function pathEscape(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code) || markdownSpace(code)) return nok(code)
      effects.consume(code)
      return path
    }

    /** After the path: `)` now, or a link title (any text) up to `)`. */
    function afterPath(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code)) return nok(code)
      effects.consume(code)
      if (code === codes.rightParenthesis) return closing
      return code === codes.backslash ? linkTitleEscape : afterPath
    }

    function linkTitleEscape(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code)) return nok(code)
      effects.consume(code)
      return afterPath
    }

    function closing(code: Code): State | undefined {
      if (code !== codes.rightSquareBracket) return nok(code)
      effects.consume(code)
      if (type === 'includeInline') {
        effects.exit('includeSyntax')
        effects.exit(type)
        return ok
      }
      return trailing
    }

    /** A block include is alone on its line: spaces may follow, nothing else. */
    function trailing(code: Code): State | undefined {
      if (markdownSpace(code)) {
        effects.consume(code)
        return trailing
      }
      if (code !== null && !markdownLineEnding(code)) return nok(code)
      effects.exit('includeSyntax')
      effects.exit(type)
      return ok(code)
    }
  }
}
