/** Tiny builders for hast nodes, so render code reads like the HTML it produces. */
import type { Element, ElementContent, Properties, Text } from 'hast';

/** A hast element; `undefined`/`null` properties are left out. */
export function el(
  tagName: string,
  properties: Record<string, Properties[string]> = {},
  children: ElementContent[] = [],
): Element {
  const clean: Properties = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== undefined && value !== null) clean[key] = value;
  }
  return { type: 'element', tagName, properties: clean, children };
}

/** A hast text node. */
export function text(value: string): Text {
  return { type: 'text', value };
}
