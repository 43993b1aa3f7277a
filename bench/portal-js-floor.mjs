// The framework's own floor: the JavaScript a bare Next.js page transfers, built with the portal's Next.js and React.
//   node bench/portal-js-floor.mjs [--list]     (or: pnpm --filter @portico/bench portal-js-floor)
// Builds, in bench/.next-floor (removed afterwards), an App Router app of one root layout and two pages that are
// server components (no client component of their own, one <Link> between them), starts it with `next start` on
// 3070 + PORTICO_BENCH_PORT_OFFSET, and counts the scripts a fresh load transfers by the load event (gzip, as
// portal-js.mjs counts the dashboard's). What the dashboard transfers above this figure is Portico's own.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, listScripts, scriptsTransferred } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const portalModules = join(repo, 'apps/portal/node_modules');
const next = join(portalModules, '.bin/next');
const dir = join(repo, 'bench/.next-floor');
const port = 3070 + Number(process.env.PORTICO_BENCH_PORT_OFFSET ?? 0);

const page = (title) =>
  `import Link from 'next/link';\nexport default function Page() {\n  return (<main><h1>${title}</h1><Link href="/other">Other page</Link></main>);\n}\n`;

rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'app/other'), { recursive: true });
mkdirSync(join(dir, 'node_modules'));
for (const name of ['next', 'react', 'react-dom'])
  symlinkSync(join(portalModules, name), join(dir, 'node_modules', name));
writeFileSync(join(dir, 'package.json'), '{ "name": "next-floor", "private": true }\n');
// The repository is turbopack's root, so the symlinked packages (in the workspace's store) resolve.
writeFileSync(
  join(dir, 'next.config.mjs'),
  `export default { poweredByHeader: false, turbopack: { root: ${JSON.stringify(repo)} } };\n`,
);
writeFileSync(
  join(dir, 'app/layout.jsx'),
  'export default function RootLayout({ children }) {\n  return (<html lang="en"><body>{children}</body></html>);\n}\n',
);
writeFileSync(join(dir, 'app/page.jsx'), page('Home'));
writeFileSync(join(dir, 'app/other/page.jsx'), page('Other'));

const version = (name) =>
  JSON.parse(
    execFileSync('node', ['-p', `JSON.stringify(require('${name}/package.json').version)`], {
      cwd: dir,
      encoding: 'utf8',
    }),
  );
let server;
const browser = await launchChromium();
try {
  execFileSync(next, ['build'], {
    cwd: dir,
    stdio: 'ignore',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  server = spawn(next, ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  for (let tries = 0; ; tries += 1) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (tries > 100) throw new Error(`the bare app did not answer on ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const tab = await browser.newPage();
  const scripts = await scriptsTransferred(tab, () => tab.goto(url, { waitUntil: 'networkidle' }));
  if (process.argv.includes('--list')) listScripts(scripts);
  const firstLoad = scripts.filter((s) => !s.afterLoad).reduce((sum, s) => sum + s.bytes, 0);
  console.log(
    `\nbare Next.js ${version('next')} page (React ${version('react')}): ${scripts.length} scripts, ` +
      `${(firstLoad / 1024).toFixed(1)} KiB (${(firstLoad / 1000).toFixed(1)} kB) by the load event ` +
      `(content-encoding: ${[...new Set(scripts.map((s) => s.encoding))].join(', ')})`,
  );
} finally {
  await browser.close();
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
}
