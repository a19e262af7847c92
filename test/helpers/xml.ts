/**
 * A small strict XML 1.0 parser for tests: elements, attributes, text, CDATA, comments, the
 * XML declaration and the five predefined entities plus character references. It throws on
 * anything malformed (unclosed or mismatched tags, a raw `<` or `&`, duplicate attributes,
 * characters XML cannot carry), which is what a JUnit consumer would choke on.
 */
export interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, at: number): string {
  if (s.includes('<')) throw new Error(`raw < at ${at}`);
  if (s.includes(']]>')) throw new Error(`raw ]]> at ${at}`);
  return s.replace(/&([^;]*);|&/g, (m, ent: string | undefined) => {
    if (ent === undefined) throw new Error(`raw & at ${at}`);
    if (ENTITIES[ent] !== undefined) return ENTITIES[ent]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ent);
    if (!num) throw new Error(`unknown entity &${ent}; at ${at}`);
    const cp = num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : parseInt(num[1]!, 10);
    const ch = String.fromCodePoint(cp);
    if (BAD_CHAR.test(ch)) throw new Error(`character reference to an invalid character at ${at}`);
    return ch;
  });
}

export function parseXml(xml: string): XmlElement {
  const bad = BAD_CHAR.exec(xml);
  if (bad) throw new Error(`invalid XML character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  let i = 0;
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>');
    if (i < 0) throw new Error('unterminated XML declaration');
    i += 2;
  }
  const skipMisc = () => {
    for (;;) {
      while (i < xml.length && /\s/.test(xml[i]!)) i++;
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0];
      i += ws.length;
      if (xml.startsWith('/>', i)) { i += 2; return el; }
      if (xml[i] === '>') { i++; break; }
      if (!ws) throw new Error(`expected whitespace before attribute at ${i}`);
      const an = NAME.exec(xml.slice(i))?.[0];
      if (!an) throw new Error(`bad attribute name at ${i}`);
      i += an.length;
      const m = /^\s*=\s*(["'])/.exec(xml.slice(i));
      if (!m) throw new Error(`expected ="…" after ${an} at ${i}`);
      i += m[0].length;
      const end = xml.indexOf(m[1]!, i);
      if (end < 0) throw new Error(`unterminated attribute ${an}`);
      if (Object.hasOwn(el.attrs, an)) throw new Error(`duplicate attribute ${an} at ${i}`);
      el.attrs[an] = decode(xml.slice(i, end), i);
      i = end + 1;
    }
    for (;;) {
      const next = xml.indexOf('<', i);
      if (next < 0) throw new Error(`unclosed <${name}>`);
      el.text += decode(xml.slice(i, next), i);
      i = next;
      if (xml.startsWith('</', i)) {
        const close = new RegExp(`^</${name}\\s*>`).exec(xml.slice(i));
        if (!close) throw new Error(`mismatched close tag at ${i}, expected </${name}>`);
        i += close[0].length;
        return el;
      }
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i);
        if (end < 0) throw new Error('unterminated CDATA');
        el.text += xml.slice(i + 9, end);
        i = end + 3;
      } else {
        el.children.push(element());
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return root;
}
