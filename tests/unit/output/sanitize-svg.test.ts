import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Element, Root } from 'xast'
import { fromXml } from 'xast-util-from-xml'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { sanitizeSvg } from '../../../src/output/sanitize-svg.ts'
import { readSvgAsset } from '../../../src/output/svg-asset.ts'

const cwd = '/virtual'

function sanitize(text: string) {
  const file = new VFile({ path: `${cwd}/en-us/media/x.svg` })
  const result = sanitizeSvg(text, file)
  expect(file.messages).toEqual(result.messages)
  return { svg: result.svg, changed: result.changed, messages: result.messages.map((message) => formatHuman(message, { cwd })) }
}

/** An SVG whose body starts on line 2, column 1. */
const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n${body}\n</svg>\n`
const warning = (where: string, reason: string) => `en-us/media/x.svg:${where}: warning: ${reason} [unsafe-svg]`
const error = (where: string, reason: string) => `en-us/media/x.svg:${where}: error: ${reason} [invalid-svg]`
const notOwn = (value: string) => `\`${value}\` is neither one of its own \`#id\`s nor a data: PNG, JPEG, GIF or WebP image`
const loads = (what: string) => `it loads from outside the SVG (${what}); an SVG may only reference its own \`#id\`s and data: images`

/** Every element and attribute name left in a sanitized SVG, to check nothing unsafe survived. */
function names(text: string): string[] {
  const found: string[] = []
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === 'instruction') found.push(`?${child.name}`)
      if (child.type !== 'element') continue
      found.push(`<${child.name}>`, ...Object.keys(child.attributes))
      walk(child)
    }
  }
  walk(fromXml(text))
  return found
}

describe('sanitizeSvg', function () {
  // [vector, body, body after sanitizing, messages as [line:column, reason]]
  const vectors: Array<[string, string, string, Array<[string, string]>]> = [
    ['script', '<script>top.__pwned=1;window.__pwned=1</script><rect width="1"/>', '<rect width="1"/>', [['2:1', 'Removed `<script>` from this SVG: it runs script when the SVG is opened']]],
    ['script in CDATA', '<g><script type="text/ecmascript"><![CDATA[top.__pwned=1]]></script></g>', '<g/>', [['2:4', 'Removed `<script>` from this SVG: it runs script when the SVG is opened']]],
    ['event handlers on shapes', '<rect onclick="top.__pwned=1" onmouseover="x()" ONLOAD="y()" width="1"/>', '<rect width="1"/>', [
      ['2:1', 'Removed `onclick` from `<rect>` in this SVG: event handlers run script'],
      ['2:1', 'Removed `onmouseover` from `<rect>` in this SVG: event handlers run script'],
      ['2:1', 'Removed `ONLOAD` from `<rect>` in this SVG: event handlers run script'],
    ]],
    ['foreignObject with HTML', '<foreignObject width="9" height="9"><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="top.__pwned=1"/></body></foreignObject>', '', [
      ['2:1', 'Removed `<foreignObject>` from this SVG: it embeds HTML, which can run script'],
    ]],
    ['XHTML script by prefix', '<h:script xmlns:h="http://www.w3.org/1999/xhtml">top.__pwned=1</h:script>', '', [['2:1', 'Removed `<h:script>` from this SVG: it runs script when the SVG is opened']]],
    ['XHTML iframe by default namespace', '<iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:top.__pwned=1"/>', '', [['2:1', 'Removed `<iframe>` from this SVG: it embeds another page']]],
    ['any XHTML element', '<g><div xmlns="http://www.w3.org/1999/xhtml"><a href="/">x</a></div></g>', '<g/>', [['2:4', 'Removed `<div>` from this SVG: HTML inside an SVG can run script or load pages']]],
    ['embed and object', '<embed src="x.swf"/><object data="x.html"/>', '', [
      ['2:1', 'Removed `<embed>` from this SVG: it embeds another document'],
      ['2:21', 'Removed `<object>` from this SVG: it embeds another document'],
    ]],
    ['SVG Tiny handler', '<handler type="application/ecmascript">top.__pwned=1</handler>', '', [['2:1', 'Removed `<handler>` from this SVG: it runs script (SVG Tiny)']]],
    ['unknown SVG element', '<blink>x</blink>', '', [['2:1', 'Removed `<blink>` from this SVG: it is not an SVG element tolk allows']]],
    ['MathML', '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>', '', [['2:1', 'Removed `<math>` from this SVG: it is MathML, not SVG']]],
    ['javascript: link', '<a href="javascript:top.__pwned=1"><text>x</text></a>', '<a><text>x</text></a>', [
      ['2:1', `Removed \`href\` from \`<a>\` in this SVG: ${notOwn('javascript:top.__pwned=1')}`],
    ]],
    ['entity-encoded javascript: in xlink:href', '<a xlink:href="&#106;avascript&#58;top.__pwned=1"><text>x</text></a>', '<a><text>x</text></a>', [
      ['2:1', `Removed \`xlink:href\` from \`<a>\` in this SVG: ${notOwn('javascript:top.__pwned=1')}`],
    ]],
    ['whitespace-split javascript:', '<a xlink:href=" java&#x09;scr&#10;ipt:top.__pwned=1"><text>x</text></a>', '<a><text>x</text></a>', [
      ['2:1', `Removed \`xlink:href\` from \`<a>\` in this SVG: ${notOwn('java scr ipt:top.__pwned=1')}`],
    ]],
    ['href under another prefix bound to XLink', '<a x:href="javascript:top.__pwned=1" xmlns:x="http://www.w3.org/1999/xlink"><text>x</text></a>', '<a xmlns:x="http://www.w3.org/1999/xlink"><text>x</text></a>', [
      ['2:1', `Removed \`x:href\` from \`<a>\` in this SVG: ${notOwn('javascript:top.__pwned=1')}`],
    ]],
    ['external link', '<a href="https://evil.example/"><text>x</text></a>', '<a><text>x</text></a>', [['2:1', `Removed \`href\` from \`<a>\` in this SVG: ${notOwn('https://evil.example/')}`]]],
    ['external use', '<use href="https://evil.example/sprite.svg#a"/>', '<use/>', [['2:1', `Removed \`href\` from \`<use>\` in this SVG: ${notOwn('https://evil.example/sprite.svg#a')}`]]],
    ['data: SVG in use', '<use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#a"/>', '<use/>', [
      ['2:1', `Removed \`xlink:href\` from \`<use>\` in this SVG: ${notOwn('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#a')}`],
    ]],
    ['external image', '<image xlink:href="https://tracker.example/p.png" width="1" height="1"/>', '<image width="1" height="1"/>', [
      ['2:1', `Removed \`xlink:href\` from \`<image>\` in this SVG: ${notOwn('https://tracker.example/p.png')}`],
    ]],
    ['relative feImage', '<filter id="f"><feImage href="other.svg"/></filter>', '<filter id="f"><feImage/></filter>', [['2:16', `Removed \`href\` from \`<feImage>\` in this SVG: ${notOwn('other.svg')}`]]],
    ['SMIL animate href to javascript:', '<a href="#t"><animate attributeName="href" to="javascript:top.__pwned=1" begin="0s"/><text id="t">x</text></a>', '<a href="#t"><text id="t">x</text></a>', [
      ['2:14', 'Removed `<animate>` from this SVG: it animates `href`, which can turn a link into script'],
    ]],
    ['SMIL set xlink:href', '<a><set attributeName="xlink:href" to="https://evil.example/"/><text>x</text></a>', '<a><text>x</text></a>', [
      ['2:4', 'Removed `<set>` from this SVG: it animates `xlink:href`, which can turn a link into script'],
    ]],
    ['SMIL set of an event handler', '<rect width="1"><set attributeName="onclick" to="top.__pwned=1"/></rect>', '<rect width="1"/>', [
      ['2:17', 'Removed `<set>` from this SVG: it animates `onclick`, which can turn a link into script'],
    ]],
    ['javascript: in animation values', '<rect><animate attributeName="fill" values="red;javascript:top.__pwned=1"/></rect>', '<rect><animate attributeName="fill"/></rect>', [
      ['2:7', 'Removed `values` from `<animate>` in this SVG: its value holds a script URL'],
    ]],
    ['style with @import', '<style>@import url(https://evil.example/x.css);</style><rect/>', '<rect/>', [['2:1', `Removed \`<style>\` from this SVG: ${loads('`@import`')}`]]],
    ['style with a CSS-escaped @import', '<style>@\\69mport "https://evil.example/x.css";</style>', '', [['2:1', `Removed \`<style>\` from this SVG: ${loads('`@import`')}`]]],
    ['style with an external url()', '<style><![CDATA[rect { fill: u\\72l( "https://evil.example/p.svg#g" ) }]]></style>', '', [
      ['2:1', `Removed \`<style>\` from this SVG: ${loads('`url(https://evil.example/p.svg#g)`')}`],
    ]],
    ['style attribute with a protocol-relative url()', '<rect style="background:url(//evil.example/t.png)" width="1"/>', '<rect width="1"/>', [
      ['2:1', `Removed \`style\` from \`<rect>\` in this SVG: ${loads('`url(//evil.example/t.png)`')}`],
    ]],
    ['presentation attribute with an external url()', '<rect fill="url(https://evil.example/p.svg#g)" width="1"/>', '<rect width="1"/>', [
      ['2:1', `Removed \`fill\` from \`<rect>\` in this SVG: ${loads('`url(https://evil.example/p.svg#g)`')}`],
    ]],
    ['xml:base', '<g xml:base="https://evil.example/"><use href="#a"/></g>', '<g><use href="#a"/></g>', [
      ['2:1', "Removed `xml:base` from `<g>` in this SVG: it changes where the SVG's links and references point"],
    ]],
    ['processing instruction in the body', '<?xml-stylesheet type="text/xsl" href="evil.xsl"?><rect/>', '<rect/>', [
      ['2:1', 'Removed the processing instruction `<?xml-stylesheet type="text/xsl" href="evil.xsl"?>` from this SVG: a stylesheet instruction can apply XSLT that turns it into a page that runs script'],
    ]],
    ['a script in an unknown namespace', '<x:script xmlns:x="urn:example">top.__pwned=1</x:script>', '', [['2:1', 'Removed `<x:script>` from this SVG: it runs script when the SVG is opened']]],
  ]

  it.each(vectors)('should remove %s, with a warning at its element', function (_, body, after, expected) {
    const result = sanitize(svg(body))
    expect(result.messages).toEqual(expected.map(([where, reason]) => warning(where, reason)))
    expect(result.svg).toBe(svg(after))
    expect(result.changed).toBe(true)
    // Sanitizing is idempotent: what it writes is clean.
    expect(sanitize(result.svg!).messages).toEqual([])
    expect(names(result.svg!).filter((name) => /script|^on|foreign|iframe|embed|object|handler|base$|\?xml-/i.test(name))).toEqual([])
  })

  it('should remove an onload handler of the root element', function () {
    const result = sanitize('<svg xmlns="http://www.w3.org/2000/svg" onload="top.__pwned=1" width="1"/>')
    expect(result.messages).toEqual([warning('1:1', 'Removed `onload` from `<svg>` in this SVG: event handlers run script')])
    expect(result.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="1"/>')
  })

  it('should replace a root element it removes with an empty SVG, so the file stays well-formed', function () {
    const result = sanitize('<?xml version="1.0"?>\n<script xmlns="http://www.w3.org/2000/svg">top.__pwned=1</script>\n')
    expect(result.messages).toEqual([warning('2:1', 'Removed `<script>` from this SVG: it runs script when the SVG is opened')])
    expect(result.svg).toBe('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n')
  })

  it('should drop processing instructions before the root but keep the XML declaration and a plain DOCTYPE', function () {
    const text = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<?xml-stylesheet type="text/xsl" href="data:text/xml,x"?>',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '',
    ].join('\n')
    const result = sanitize(text)
    expect(result.messages).toEqual([
      warning('2:1', 'Removed the processing instruction `<?xml-stylesheet type="text/xsl" href="data:text/xml,x"?>` from this SVG: a stylesheet instruction can apply XSLT that turns it into a page that runs script'),
    ])
    expect(result.svg).toBe([text.split('\n')[0], ...text.split('\n').slice(2)].join('\n'))
  })

  it('should remove a DOCTYPE internal subset, never expanding an entity (billion laughs)', function () {
    const unused = sanitize('<!DOCTYPE svg [\n  <!ENTITY lol "lol">\n]>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    expect(unused.messages).toEqual([warning('1:1', "Removed the internal subset of this SVG's DOCTYPE: entity declarations are never expanded")])
    expect(unused.svg).toBe('<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    const lol = (n: number) => `  <!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`
    const laughs = ['<?xml version="1.0"?>', '<!DOCTYPE svg [', '  <!ENTITY lol0 "lol">', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(lol), ']>', '<svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>'].join('\n')
    const result = sanitize(laughs)
    expect(result.svg).toBeUndefined()
    expect(result.messages).toEqual([
      error('14:47', "Cannot read this SVG as XML: Named entity isn't defined: &lol9; (entities declared in the DOCTYPE are never expanded); it is not copied"),
    ])
  })

  it('should refuse an external entity instead of reading the file it names', function () {
    const result = sanitize('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>')
    expect(result.svg).toBeUndefined()
    expect(result.messages).toEqual([
      error('2:47', "Cannot read this SVG as XML: Named entity isn't defined: &x; (entities declared in the DOCTYPE are never expanded); it is not copied"),
    ])
  })

  it.each([
    ['an unclosed element', '<svg xmlns="http://www.w3.org/2000/svg">\n  <g>\n</svg>\n', '3:1', 'Cannot read this SVG as XML: Missing end tag for element g; it is not copied'],
    ['a script cut off by the end of the file', '<svg xmlns="http://www.w3.org/2000/svg"><script>top.__pwned=1', '1:49', 'Cannot read this SVG as XML: Missing end tag for element script; it is not copied'],
    ['HTML-style unquoted attributes', '<svg xmlns="http://www.w3.org/2000/svg"><rect onload=top.__pwned=1 /></svg>', '1:54', 'Cannot read this SVG as XML: Attribute value expected; it is not copied'],
    ['a duplicate attribute', '<svg xmlns="http://www.w3.org/2000/svg" onload="a" onload="b"/>', '1:62', 'Cannot read this SVG as XML: Duplicate attribute: onload; it is not copied'],
    ['an undeclared prefix', '<svg xmlns="http://www.w3.org/2000/svg">\n<x:script>top.__pwned=1</x:script></svg>', '2:1', 'Cannot read this SVG as XML: the namespace prefix `x` of `x:script` is not declared; it is not copied'],
    ['an undeclared attribute prefix', '<svg xmlns="http://www.w3.org/2000/svg">\n<a x:href="javascript:top.__pwned=1"/></svg>', '2:1', 'Cannot read this SVG as XML: the namespace prefix `x` of `x:href` is not declared; it is not copied'],
    ['no root element', '  \n', '2:1', 'Cannot read this SVG as XML: Root element is missing or invalid; it is not copied'],
    [
      'an encoding other than UTF-8',
      '<?xml version="1.0" encoding="ISO-2022-JP"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
      '1:1',
      'This SVG declares the encoding `ISO-2022-JP`; tolk copies UTF-8 SVGs only, as a browser would read this one differently; it is not copied',
    ],
  ])('should not publish an SVG with %s: an error at its position', function (_, text, where, reason) {
    const result = sanitize(text)
    expect(result.svg).toBeUndefined()
    expect(result.messages).toEqual([error(where, reason)])
  })

  it('should return a clean SVG as the very same text: gradients, fragments, data: images, namespaces and editor metadata stay', function () {
    const text = [
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
      '<!-- Generator: an editor -->',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"',
      '     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"',
      '     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"',
      '     width="640" height="200" viewBox="0 0 640 200" role="img" aria-labelledby="t">',
      '  <title id="t">Lifecycle &amp; review</title>',
      '  <metadata><rdf:RDF><dc:title>Lifecycle</dc:title></rdf:RDF></metadata>',
      '  <sodipodi:namedview inkscape:zoom="1" />',
      '  <defs>',
      '    <linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient>',
      '    <marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5"><path d="M0 0L10 5L0 10z"/></marker>',
      '    <filter id="f"><feGaussianBlur stdDeviation="2"/><feImage href="#r"/></filter>',
      '    <style><![CDATA[ .phase { fill: url(#g); font: 14px sans-serif } ]]></style>',
      '  </defs>',
      '  <rect id="r" class="phase" width="100" height="40" rx="4" fill="url(#g)" style="stroke: url( \'#g\' )" filter="url(#f)"/>',
      '  <use xlink:href="#r" x="120"/>',
      '  <a href="#r"><text x="10" y="80">Prepare → analyze</text></a>',
      '  <image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>',
      '  <line x1="0" y1="0" x2="10" y2="0" marker-end="url(#arrow)"><animate attributeName="x2" from="10" to="90" dur="2s"/></line>',
      '</svg>',
      '',
    ].join('\n')
    const result = sanitize(text)
    expect(result.messages).toEqual([])
    expect(result.changed).toBe(false)
    expect(result.svg).toBe(text)
  })
})

describe('readSvgAsset', function () {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-svg-asset-'))
  const write = (name: string, bytes: Buffer | string) => {
    const absPath = path.join(dir, name)
    writeFileSync(absPath, bytes)
    return absPath
  }

  it('should give back the original bytes of a clean SVG, byte order mark included', function () {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>\r\n')])
    const asset = readSvgAsset(write('clean.svg', bytes))
    expect(asset.messages).toEqual([])
    expect(asset.bytes).toEqual(bytes)
  })

  it('should give the sanitized text of an unsafe SVG, with positions counted after the byte order mark', function () {
    const absPath = write('unsafe.svg', '\uFEFF<svg xmlns="http://www.w3.org/2000/svg" onload="top.__pwned=1"/>')
    const asset = readSvgAsset(absPath)
    expect(asset.messages.map((message) => formatHuman(message, { cwd: dir }))).toEqual([
      'unsafe.svg:1:1: warning: Removed `onload` from `<svg>` in this SVG: event handlers run script [unsafe-svg]',
    ])
    expect(asset.bytes?.toString('utf8')).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>')
  })

  it('should not publish an SVG that is not UTF-8, reporting the first bad byte', function () {
    const utf16 = readSvgAsset(write('utf16.svg', Buffer.from('\uFEFF<svg xmlns="http://www.w3.org/2000/svg"/>', 'utf16le')))
    const latin1 = readSvgAsset(write('latin1.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">\n<text>caf\xe9</text></svg>', 'latin1')))
    const reason = 'This SVG is not UTF-8; tolk copies UTF-8 SVGs only, as it reads them the way browsers will; it is not copied'
    expect([utf16, latin1].map((asset) => asset.bytes)).toEqual([undefined, undefined])
    expect([...utf16.messages, ...latin1.messages].map((message) => formatHuman(message, { cwd: dir }))).toEqual([
      `utf16.svg:1:1: error: ${reason} [invalid-svg]`,
      `latin1.svg:2:10: error: ${reason} [invalid-svg]`,
    ])
  })
})
