import { select, selectAll } from 'hast-util-select'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const strings = { 'task.done': 'Udført', 'task.notDone': 'Ikke udført' }

describe('rehypeTaskListLabels', function () {
  it('should label each checkbox of a tight task list with its item text', function () {
    const { hast, messages } = renderMarkdown('- [x] Isolate the [device](https://example.com/d)\n- [ ] Collect **evidence**\n', { locale: 'da-dk', strings })
    expect(messages).toEqual([])
    const labels = selectAll('li.task-list-item > label', hast)
    expect(labels.map((label) => toString(label).trim())).toEqual(['Isolate the device', 'Collect evidence'])
    expect(labels.map((label) => Boolean(select('input[type=checkbox][disabled]', label)?.properties.checked))).toEqual([true, false])
    expect(select('label > a[href="https://example.com/d"]', hast)).toBeDefined()
    expect(selectAll('label > input', hast).length).toBe(selectAll('input', hast).length)
  })

  it('should label a spread item inside its paragraph and leave a nested list outside the label', function () {
    const { hast } = renderMarkdown('- [x] Contain\n\n  More about containing.\n\n- [ ] Eradicate\n  - a sub-step\n', { locale: 'da-dk', strings })
    expect(selectAll('li.task-list-item > p:first-child > label', hast).map((label) => toString(label).trim())).toEqual(['Contain', 'Eradicate'])
    const nested = select('label ul', hast)
    expect(nested).toBeUndefined()
    expect(toString(select('li.task-list-item li', hast)!)).toBe('a sub-step')
  })

  it('should name a checkbox with no text by its state, in the page language', function () {
    const { hast } = renderMarkdown('- [x] <!-- -->\n- [ ] <!-- -->\n', { locale: 'da-dk', strings })
    const boxes = selectAll('input[type=checkbox]', hast)
    expect(boxes.map((box) => box.properties.ariaLabel)).toEqual(['Udført', 'Ikke udført'])
    expect(toHtml(select('ul', hast)!)).not.toContain('<label>')
  })
})
