import { isJsonObject, type JsonObject, type JsonPrimitive, type JsonValue } from './json-value.ts';

const XML_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>';

// XML 1.0 cannot carry these characters, not even as character references.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the target
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Renders a Plex container as XML the way PMS writes it: primitive values become string
 * attributes (booleans "0"/"1"), objects and arrays of objects become child elements, and
 * each element sits on its own line. The root and its direct children always get a closing
 * tag, while deeper elements without children close themselves (`<Context … />`).
 */
export function renderXml(rootName: string, root: JsonObject): string {
  return `${XML_PROLOG}\n${renderElement(rootName, root, 0)}`;
}

export function escapeAttribute(value: string): string {
  return value.replace(FORBIDDEN_CHARACTERS, '\uFFFD').replace(/[&<>"\t\n\r]/g, (character) => {
    return ESCAPES[character] ?? character;
  });
}

function renderElement(name: string, element: JsonObject, depth: number): string {
  const attributes: string[] = [];
  const children: string[] = [];

  for (const [key, value] of Object.entries(element)) {
    if (isJsonObject(value)) {
      children.push(renderElement(key, value, depth + 1));
    } else if (Array.isArray(value)) {
      children.push(...renderArrayChildren(key, value, depth + 1));
      const primitives = value.filter((item) => !isJsonObject(item) && !Array.isArray(item));
      if (primitives.length > 0) {
        attributes.push(renderAttribute(key, primitives.map(formatPrimitive).join(',')));
      }
    } else if (value !== null) {
      attributes.push(renderAttribute(key, formatPrimitive(value)));
    }
  }

  const openTag = `<${name}${attributes.join('')}`;
  if (children.length === 0 && depth >= 2) {
    return `${openTag} />\n`;
  }
  return `${openTag}>\n${children.join('')}</${name}>\n`;
}

function renderArrayChildren(name: string, items: JsonValue[], depth: number): string[] {
  return items.filter(isJsonObject).map((item) => renderElement(name, item, depth));
}

function renderAttribute(name: string, value: string): string {
  return ` ${name}="${escapeAttribute(value)}"`;
}

function formatPrimitive(value: JsonPrimitive | JsonValue): string {
  if (typeof value === 'boolean') {
    return value ? '1' : '0';
  }
  return String(value);
}
