/**
 * A small XML 1.0 well-formedness check for tests: balanced tags, quoted attributes, only the
 * five predefined entities or character references, no characters XML forbids. Returns the
 * elements in document order with their attributes.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly parent?: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(text: string, where: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text)) throw new Error(`forbidden character in ${where}: ${JSON.stringify(text)}`);
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`bare & in ${where}: ${text}`);
  if (text.includes('<')) throw new Error(`bare < in ${where}: ${text}`);
  return text.replace(ENTITY, m => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" } as Record<string, string>)[m]
    ?? String.fromCodePoint(m.startsWith('&#x') ? parseInt(m.slice(3, -1), 16) : Number(m.slice(2, -1))));
}

export function parseXml(xml: string): XmlElement[] {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const elements: XmlElement[] = [];
  const tag = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>`);
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    if (lt < 0) {
      checkText(rest, 'trailing text');
      if (rest.trim() !== '') throw new Error('text after the root element');
      break;
    }
    checkText(rest.slice(0, lt), 'text');
    rest = rest.slice(lt);
    const match = tag.exec(rest);
    if (!match) throw new Error(`malformed tag at: ${rest.slice(0, 60)}`);
    const [whole, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attributeText.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g'))) {
        if (key in attributes) throw new Error(`duplicate attribute ${key}`);
        attributes[key] = checkText(value, `attribute ${key}`);
      }
      if (stack.length === 0 && elements.length > 0) throw new Error('more than one root element');
      elements.push({ name, attributes, parent: stack[stack.length - 1] });
      if (!selfClosing) stack.push(name);
    }
    rest = rest.slice(whole.length);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  return elements;
}
