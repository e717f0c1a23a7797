// A wide table's scroll box, reachable by keyboard only while it scrolls: it then takes a tab
// stop and is named for its table (its caption, else the section's heading), so arrow keys
// scroll it and a screen reader says what it is. A box that fits takes no extra tab stop.
import type { Attachment } from 'svelte/attachments';

function label(box: HTMLElement): string {
  const caption = box.querySelector('caption')?.textContent?.trim();
  if (caption) return caption;
  const heading = box.closest('section, article, details, [data-testid]')?.querySelector('h1, h2, h3, h4, summary');
  return heading?.textContent?.trim() || 'Table';
}

export const scrollRegion: Attachment<HTMLElement> = (box) => {
  const original = box.getAttribute('tabindex');
  const update = () => {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', `${label(box)} (scrolls sideways)`);
    } else {
      if (original === null) box.removeAttribute('tabindex');
      else box.setAttribute('tabindex', original);
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  };
  const resized = new ResizeObserver(update);
  resized.observe(box);
  if (box.firstElementChild) resized.observe(box.firstElementChild);
  const changed = new MutationObserver(update);
  changed.observe(box, { childList: true, subtree: true, characterData: true });
  update();
  return () => {
    resized.disconnect();
    changed.disconnect();
  };
};
