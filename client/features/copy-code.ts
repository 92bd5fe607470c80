/**
 * A copy button on every code box rehype-highlight-code writes
 * (`.code-block`, with its localized labels in `data-copy`, `data-copied` and
 * `data-copy-failed`). It copies the code's own text: not the language label
 * in the header, not the highlighted-line labels (CSS generated text), and
 * without the one trailing newline a fence's code ends with. The result is
 * announced through one polite status region; where the clipboard cannot be
 * written, the code is left selected for the reader to copy.
 *
 * DOM access goes through ../dom.ts (DOM clobbering); the `document`
 * methods it lacks are taken from their prototypes here, the same way.
 */
import { create, query, queryAll } from '../dom.ts'

const doc = document
const execCommandMethod = Document.prototype.execCommand
const getSelectionMethod = Document.prototype.getSelection
const createRangeMethod = Document.prototype.createRange

/** How long the button says "Copied" before it offers to copy again. */
const confirmationMs = 2000

/** The page's one status region; made before any copy, as screen readers may miss a region that appears with its message. */
let status: HTMLElement | undefined

export function setup(): void {
  status = create('div')
  status.className = 'code-copy-status'
  status.setAttribute('role', 'status')
  query('body')?.append(status)
  for (const block of queryAll('.code-block')) {
    const code = block.querySelector<HTMLElement>(':scope > pre > code')
    if (!code || block.querySelector(':scope > .code-header > .code-copy')) continue
    const labels = { copy: block.dataset.copy ?? 'Copy', copied: block.dataset.copied ?? 'Copied', failed: block.dataset.copyFailed ?? 'Copy failed' }
    const button = create('button')
    button.type = 'button'
    button.className = 'code-copy'
    button.textContent = labels.copy
    let timer: ReturnType<typeof setTimeout> | undefined
    button.addEventListener('click', async function () {
      const copied = await copy(code)
      announce(copied ? labels.copied : labels.failed)
      if (!copied) return
      button.textContent = labels.copied
      clearTimeout(timer)
      timer = setTimeout(() => (button.textContent = labels.copy), confirmationMs)
    })
    headerOf(block).append(button)
  }
}

/** The box's header, made when the code has no language label. */
function headerOf(block: HTMLElement): HTMLElement {
  const existing = block.querySelector<HTMLElement>(':scope > .code-header')
  if (existing) return existing
  const header = create('div')
  header.className = 'code-header'
  block.prepend(header)
  return header
}

/** The code as written: the text of `<code>` (never CSS generated text) without its final newline. */
export function codeText(code: HTMLElement): string {
  return (code.textContent ?? '').replace(/\n$/, '')
}

async function copy(code: HTMLElement): Promise<boolean> {
  const text = codeText(code)
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard API (a page served over plain http from another host) or no permission:
    // select the code, try the older copy command, and leave the selection for Ctrl+C.
    const selection = getSelectionMethod.call(doc)
    if (!selection) return false
    const range = createRangeMethod.call(doc)
    range.selectNodeContents(code)
    selection.removeAllRanges()
    selection.addRange(range)
    try {
      return execCommandMethod.call(doc, 'copy')
    } catch {
      return false
    }
  }
}

/** Say `message` through the page's one status region (emptied first, so a repeat is announced again). */
function announce(message: string): void {
  const region = status
  if (!region) return
  region.textContent = ''
  setTimeout(() => (region.textContent = message), 50)
}
