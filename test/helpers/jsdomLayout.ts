// jsdom has no layout: give every element a size so virtual lists measure a viewport and render rows.
export function giveElementsASize(width = 800, height = 600): void {
  const size = { offsetHeight: height, offsetWidth: width, clientHeight: height, clientWidth: width };
  for (const [prop, value] of Object.entries(size)) {
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
  }
}
