/**
 * Search-as-you-type for the editor's co-author and organization pickers: each
 * `<fieldset data-picker="/write/people" data-list="…">` gets its `<datalist>` filled from the
 * JSON endpoint as the person types (debounced, latest answer wins), and an "add another"
 * button that appends an empty input. Without this script the inputs are plain text fields
 * whose names the server resolves on save.
 */

interface PersonItem {
  username: string;
  displayName: string;
}
interface OrganizationItem {
  name: string;
  slug: string;
}

/** What a suggestion puts in the input (its value) and shows beside it (its label). */
function optionOf(item: unknown): { value: string; label: string } | null {
  if (typeof item !== 'object' || item === null) return null;
  if ('username' in item && typeof (item as PersonItem).username === 'string') {
    const p = item as PersonItem;
    return { value: p.username, label: p.displayName };
  }
  if ('name' in item && typeof (item as OrganizationItem).name === 'string') {
    const o = item as OrganizationItem;
    return { value: o.name, label: o.slug };
  }
  return null;
}

const DEBOUNCE_MS = 150;

function enhance(fieldset: HTMLFieldSetElement): void {
  const source = fieldset.dataset.picker;
  const list = fieldset.dataset.list ? document.getElementById(fieldset.dataset.list) : null;
  if (!source || !(list instanceof HTMLDataListElement)) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const lastQuery = new Map<string, string>();

  async function suggest(query: string): Promise<void> {
    const ticket = ++asked;
    const response = await fetch(`${source}?q=${encodeURIComponent(query)}`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok || ticket !== asked) return;
    const body: unknown = await response.json();
    const items =
      typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items)
        ? (body.items as unknown[])
        : [];
    if (ticket !== asked || !(list instanceof HTMLDataListElement)) return;
    list.replaceChildren(
      ...items.flatMap((item) => {
        const option = optionOf(item);
        if (!option) return [];
        const el = document.createElement('option');
        el.value = option.value;
        el.label = option.label;
        el.textContent = option.label;
        return [el];
      }),
    );
  }

  fieldset.addEventListener('input', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const query = input.value.trim();
    if (lastQuery.get(input.id) === query) return;
    lastQuery.set(input.id, query);
    clearTimeout(timer);
    timer = setTimeout(() => {
      suggest(query).catch(() => undefined); // offline: the plain input still works
    }, DEBOUNCE_MS);
  });
  // The first focus shows suggestions before anything is typed.
  fieldset.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLInputElement && list.children.length === 0)
      suggest(event.target.value.trim()).catch(() => undefined);
  });

  const add = fieldset.querySelector<HTMLButtonElement>('[data-picker-add]');
  const slots = fieldset.querySelector('.picker-slots');
  if (add && slots) {
    add.hidden = false;
    add.addEventListener('click', () => {
      const last = slots.lastElementChild;
      if (!last) return;
      const copy = last.cloneNode(true) as HTMLElement;
      const input = copy.querySelector('input');
      const label = copy.querySelector('label');
      const name = input?.name ?? 'picker';
      const number = slots.children.length + 1;
      if (input) {
        input.value = '';
        input.id = `${name}-${number}`;
      }
      if (label && input) {
        label.htmlFor = input.id;
        label.textContent = (label.textContent ?? '').replace(/\d+/u, String(number));
      }
      slots.append(copy);
      input?.focus();
    });
  }
}

/** Enhances every picker on the page. */
export function startPickers(root: ParentNode = document): void {
  for (const fieldset of root.querySelectorAll<HTMLFieldSetElement>('fieldset[data-picker]'))
    enhance(fieldset);
}
