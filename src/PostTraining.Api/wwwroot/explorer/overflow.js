// A cue that a box scrolls sideways (a long formula, a wide table): phones hide scrollbars until you touch them, so
// content cut at the edge looks complete. The frame gets data-more-start / data-more-end while there is more to see
// on that side; the stylesheet fades that edge. A box that scrolls is also made focusable, so keys can scroll it.
import { t } from "./i18n.js";

const observer = new ResizeObserver((entries) => {
  for (const entry of entries) update(entry.target);
});

/**
 * Wraps a horizontally scrolling element in a frame that shows the cue, and keeps the cue up to date.
 * @param {HTMLElement} scroller the element with overflow-x: auto
 * @param {string} [label] what the box holds, for the name of the focusable region
 */
export function scrollFrame(scroller, label) {
  const frame = document.createElement("div");
  frame.className = "scroll-frame";
  frame.append(scroller);
  scroller.dataset.scrollLabel = label ?? "";
  scroller.addEventListener("scroll", () => update(scroller), { passive: true });
  observer.observe(scroller);
  return frame;
}

function update(scroller) {
  const frame = scroller.parentElement;
  if (!frame) return;
  const max = scroller.scrollWidth - scroller.clientWidth;
  // Right-to-left text would make scrollLeft negative; the explorer is left-to-right only, so no flip is needed.
  const start = scroller.scrollLeft > 1;
  const end = max > 1 && scroller.scrollLeft < max - 1;
  frame.toggleAttribute("data-more-start", start);
  frame.toggleAttribute("data-more-end", end);
  if (max > 1) {
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "region");
    scroller.setAttribute("aria-label", [scroller.dataset.scrollLabel, t("scrollsSideways")].filter(Boolean).join(", "));
  } else {
    scroller.removeAttribute("tabindex");
    scroller.removeAttribute("role");
    scroller.removeAttribute("aria-label");
  }
}
