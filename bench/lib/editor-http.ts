// An editor over HTTP, as a browser does it: GET /write/:id, read the editor form (parse5),
// change the body, POST the form back (303), then POST /write/:id/publish (303). Used by
// bench/two-instances.ts to publish edits while readers and translators load the site.
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { HttpSession } from './translation-http.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const attr = (el: Element, name: string): string | undefined =>
  el.attrs.find((a) => a.name === name)?.value;

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
  if ('content' in node && node.content) yield* elements(node.content);
}

const textOf = (el: Element): string =>
  el.childNodes.map((c) => ('value' in c && c.nodeName === '#text' ? c.value : '')).join('');

/** The fields a browser would submit from the form posting to `action`, in document order. */
export function formFields(html: string, action: string): [string, string][] {
  const form = [...elements(parse(html))].find(
    (el) => el.tagName === 'form' && attr(el, 'action') === action,
  );
  if (!form) throw new Error(`no form posting to ${action}`);
  const fields: [string, string][] = [];
  for (const el of elements(form)) {
    const name = attr(el, 'name');
    if (!name || attr(el, 'disabled') !== undefined) continue;
    if (el.tagName === 'input') {
      const type = attr(el, 'type') ?? 'text';
      if (['submit', 'button', 'image', 'file', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && attr(el, 'checked') === undefined) continue;
      fields.push([name, attr(el, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (el.tagName === 'textarea') {
      fields.push([name, textOf(el)]);
    } else if (el.tagName === 'select') {
      const options = [...elements(el)].filter((o) => o.tagName === 'option');
      const chosen = options.filter((o) => attr(o, 'selected') !== undefined);
      const picked = chosen.length > 0 ? chosen : options.slice(0, 1);
      for (const o of attr(el, 'multiple') !== undefined ? chosen : picked)
        fields.push([name, attr(o, 'value') ?? textOf(o)]);
    }
  }
  return fields;
}

async function postForm(
  url: string,
  session: HttpSession,
  fields: [string, string][],
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      cookie: session.cookie,
    },
    body: new URLSearchParams(fields).toString(),
    signal: AbortSignal.timeout(15_000),
  });
}

/**
 * Replaces the body's last paragraph when it is an earlier marker (else appends one) with
 * `marker`, saves the post and publishes it. Throws, with the status, when a step is refused.
 */
export async function editAndPublishOverHttp(
  origin: string,
  session: HttpSession,
  postId: string,
  marker: string,
): Promise<void> {
  const page = await fetch(`${origin}/write/${postId}`, {
    headers: { accept: 'text/html', cookie: session.cookie },
    signal: AbortSignal.timeout(15_000),
  });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`GET /write/${postId} answered ${page.status}`);
  const fields = formFields(html, `/write/${postId}`).map(([name, value]): [string, string] =>
    name === 'body'
      ? [name, `${value.replace(/\n*Edit marker [^\n]*\s*$/, '').trimEnd()}\n\n${marker}\n`]
      : [name, value],
  );
  if (!fields.some(([name]) => name === 'body')) throw new Error('the editor form has no body');
  const saved = await postForm(`${origin}/write/${postId}`, session, fields);
  await saved.arrayBuffer();
  if (saved.status !== 303) throw new Error(`saving answered ${saved.status}`);
  const published = await postForm(`${origin}/write/${postId}/publish`, session, [
    ['_csrf', session.csrf],
  ]);
  await published.arrayBuffer();
  if (published.status !== 303) throw new Error(`publishing answered ${published.status}`);
}

/**
 * Submits the form posting to `action` on the page at `path` as a browser would, with
 * `changes` replacing the fields of those names; throws unless it answers 303.
 */
export async function submitFormOverHttp(
  origin: string,
  session: HttpSession,
  path: string,
  action: string,
  changes: Record<string, string>,
): Promise<void> {
  const page = await fetch(`${origin}${path}`, {
    headers: { accept: 'text/html', cookie: session.cookie },
    signal: AbortSignal.timeout(15_000),
  });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  const fields = formFields(html, action).map(([name, value]): [string, string] => [
    name,
    changes[name] ?? value,
  ]);
  const sent = await postForm(`${origin}${action}`, session, fields);
  await sent.arrayBuffer();
  if (sent.status !== 303) throw new Error(`POST ${action} answered ${sent.status}`);
}
