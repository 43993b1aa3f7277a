/**
 * A CSS module in component tests: every class name reads as its own key (`styles.panel` -> `panel`), so components
 * that style themselves with `*.module.css` render under Jest, which cannot load CSS.
 */
module.exports = new Proxy(
  {},
  { get: (_, key) => (key === '__esModule' ? false : typeof key === 'string' ? key : undefined) },
);
