/**
 * DOM methods taken from their prototypes before anything else runs.
 *
 * DOM clobbering: an element's id becomes a property of `window` (behind its
 * own members, in front of inherited ones such as `addEventListener`), and a
 * `name` on an img, form, embed… becomes a property of `document` in front of
 * everything (`<img name="querySelectorAll">`). The sanitizer drops `name`,
 * and tolk's client code never reads either object's named properties: it
 * calls these instead. `document`, `location`, `localStorage`,
 * `getComputedStyle`, `scrollBy`, `Document` and `EventTarget` are the
 * window's own properties, which no element can shadow.
 */
const doc = document
const queryAllMethod = Document.prototype.querySelectorAll
const queryMethod = Document.prototype.querySelector
const getByIdMethod = Document.prototype.getElementById
const createElementMethod = Document.prototype.createElement
const listenMethod = EventTarget.prototype.addEventListener

export function queryAll<E extends Element = HTMLElement>(selector: string): E[] {
  return [...(queryAllMethod.call(doc, selector) as NodeListOf<E>)]
}

export function query<E extends Element = HTMLElement>(selector: string): E | null {
  return queryMethod.call(doc, selector) as E | null
}

export function byId(id: string): HTMLElement | null {
  return getByIdMethod.call(doc, id)
}

export function create<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] {
  return createElementMethod.call(doc, tag) as HTMLElementTagNameMap[K]
}

/** `addEventListener` on `window` or `document`. */
export function listen(target: Window | Document, type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): void {
  listenMethod.call(target, type, listener, options)
}

/** The `<html>` element (never `document.documentElement`, which a named element cannot shadow either, but one rule is simpler). */
export function root(): HTMLElement {
  return queryMethod.call(doc, 'html') as HTMLElement
}
