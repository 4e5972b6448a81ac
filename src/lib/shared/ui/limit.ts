import { formatNumber } from '../format';

/**
 * Keeps a text field within what the assessment can store, without ever cutting text silently.
 * A `maxlength` attribute would: a paste of 10,000 addresses became 1,899 lines with no word said.
 * Instead a change that would go over the limit is refused whole, the field is left exactly as
 * it was, and a message beside it names the limit and how long the text would have been; the
 * component's own input handler never sees the refused change.
 *
 * Usage: `<textarea id="notes" use:limit={TEXT_LIMITS.notes} …>`. The field needs an id.
 */
export function limit(node: HTMLInputElement | HTMLTextAreaElement, max: number) {
  let limitNow = max;
  // The value before the change being made: read when the change is about to happen.
  let before = node.value;
  const message = document.createElement('p');
  message.id = `${node.id}-limit`;
  message.className = 'error-text';
  message.setAttribute('aria-live', 'polite');
  node.insertAdjacentElement('afterend', message);
  const describedBy = node.getAttribute('aria-describedby');
  node.setAttribute('aria-describedby', describedBy ? `${describedBy} ${message.id}` : message.id);

  const remember = () => {
    before = node.value;
  };
  const check = (event: Event) => {
    if (node.value.length <= limitNow) {
      before = node.value;
      message.textContent = '';
      return;
    }
    const tried = node.value.length;
    node.value = before;
    // The change never happened: the component's handler must not see it.
    event.stopImmediatePropagation();
    message.textContent = `Not changed: this field holds at most ${formatNumber(limitNow)} characters, and that would have made it ${formatNumber(tried)}. Paste less at a time, or shorten it.`;
  };
  node.addEventListener('focus', remember);
  node.addEventListener('beforeinput', remember);
  node.addEventListener('input', check);

  return {
    update(newMax: number) {
      limitNow = newMax;
    },
    destroy() {
      node.removeEventListener('focus', remember);
      node.removeEventListener('beforeinput', remember);
      node.removeEventListener('input', check);
      message.remove();
    },
  };
}
