/**
 * An interface message with markup inside it, e.g. "History of {title}" with the title in a
 * <bdi>. The whole sentence stays one message, so translators can move the element where
 * their grammar puts it; the elements are slotted in after formatting.
 */
import type { ComponentChildren } from 'preact';
import type { MessageValues, Translator } from '../../i18n/translator.js';

const OPEN = '\uE000';
const CLOSE = '\uE001';

export function Message({
  t,
  id,
  values,
  slots,
}: {
  t: Translator;
  id: string;
  values?: MessageValues;
  /** Placeholder name → what to render there. */
  slots: Record<string, ComponentChildren>;
}) {
  const marked: MessageValues = { ...values };
  for (const name of Object.keys(slots)) marked[name] = `${OPEN}${name}${CLOSE}`;
  const text = t.t(id, marked);
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g'))) {
    out.push(text.slice(last, match.index));
    out.push(slots[match[1] ?? '']);
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return <>{out}</>;
}
