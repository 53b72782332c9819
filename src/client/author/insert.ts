/**
 * The editor's "insert" buttons: `<button data-insert="directive" data-target="body">` puts the
 * directive into the target textarea at the cursor (on lines of its own), then returns focus
 * there. Without this script the buttons stay hidden and the directive is copied by hand.
 */

/** `text` with `directive` inserted at `at` as its own block (blank lines around it). */
export function insertBlock(
  text: string,
  at: number,
  directive: string,
): { text: string; caret: number } {
  const before = text.slice(0, at);
  const after = text.slice(at);
  const lead =
    before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail =
    after === '' ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const inserted = `${lead}${directive}${trail}`;
  return {
    text: `${before}${inserted}${after}`,
    caret: before.length + lead.length + directive.length,
  };
}

/** Shows and wires every insert button on the page. */
export function startInsertButtons(root: ParentNode = document): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-insert]')) {
    const target = document.getElementById(button.dataset.target ?? '');
    if (!(target instanceof HTMLTextAreaElement)) continue;
    let caret = target.value.length;
    const remember = () => {
      caret = target.selectionStart;
    };
    target.addEventListener('keyup', remember);
    target.addEventListener('click', remember);
    target.addEventListener('blur', remember);
    button.hidden = false;
    button.addEventListener('click', () => {
      const directive = button.dataset.insert ?? '';
      const result = insertBlock(target.value, Math.min(caret, target.value.length), directive);
      target.value = result.text;
      target.focus();
      target.setSelectionRange(result.caret, result.caret);
      caret = result.caret;
      target.dispatchEvent(new Event('input', { bubbles: true }));
      const status = button.closest('details')?.querySelector<HTMLElement>('.insert-status');
      if (status) status.textContent = status.dataset.insertedText ?? '';
    });
  }
}
