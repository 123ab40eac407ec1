/**
 * Converts a Plex XML `MediaContainer` into the shape Plex sends as JSON: container attributes
 * become properties, each child element joins an array under its tag name, and each grandchild
 * element (such as `<Context>` inside `<Activity>`) becomes one object under its tag name.
 * Every value stays a string, as in the XML; the schemas read strings where Plex's JSON has numbers.
 */
export function parseXmlContainer(text: string): { MediaContainer: Record<string, unknown> } {
  const document = new DOMParser().parseFromString(text, 'application/xml');
  const root = document.documentElement;
  if (root.nodeName !== 'MediaContainer' || document.getElementsByTagName('parsererror').length) {
    throw new SyntaxError(`expected an XML MediaContainer, got <${root.nodeName}>`);
  }

  const container: Record<string, unknown> = readAttributes(root);
  for (const child of Array.from(root.children)) {
    const record = readAttributes(child);
    for (const grandchild of Array.from(child.children)) {
      record[grandchild.nodeName] = readAttributes(grandchild);
    }
    const list = container[child.nodeName];
    if (Array.isArray(list)) list.push(record);
    else container[child.nodeName] = [record];
  }
  return { MediaContainer: container };
}

function readAttributes(element: Element): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const attribute of Array.from(element.attributes)) {
    record[attribute.name] = attribute.value;
  }
  return record;
}
