// Shared ESLint presets, split as create-t3-turbo does: `base` (every package), `react` (hooks, jsx-a11y) and
// `nextjs` (@next/eslint-plugin-next). `portico(dir, options)` is the base preset, kept for existing configs.
export { baseConfig, baseConfig as portico, restrictEnvAccess } from './base.js';
