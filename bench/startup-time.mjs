// Time from `pnpm start` (scripts/start.mjs) to ready (the portal answering), built and not built.
//   node bench/startup-time.mjs            measures a start with everything built (after one warm-up start)
//   node bench/startup-time.mjs --clean    also removes the build outputs first and measures the cold build + start
// Uses private ports and a throw-away embedded PostgreSQL data directory (first start includes initdb + seed).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildArtifacts, repoRoot } from '../scripts/lib/stack.mjs';

const clean = process.argv.includes('--clean');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-startup-pg-'));

function startOnce(label) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: repoRoot,
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: '',
        REDIS_URL: '',
        PORT: '4030',
        SANDBOX_PORT: '4130',
        PORTAL_PORT: '3030',
        EMBEDDED_PG_DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: '54359',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let seconds = null;
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      if (seconds === null && out.includes('[portico] ready in')) {
        seconds = (performance.now() - t0) / 1000;
        process.kill(-child.pid, 'SIGINT');
      }
    });
    child.on('exit', (code) =>
      seconds === null
        ? reject(new Error(`${label}: pnpm start exited with ${code}\n${out.slice(-3000)}`))
        : resolve(seconds),
    );
  });
}

const results = [];
if (clean) {
  for (const dir of [
    ...buildArtifacts.map((file) => path.dirname(file)),
    '.turbo',
    'node_modules/.cache/turbo',
  ]) {
    rmSync(path.join(repoRoot, dir), { recursive: true, force: true });
  }
  results.push(['not built, first start (build + initdb + migrate + seed)', await startOnce('clean')]);
} else {
  results.push(['built, first start (initdb + migrate + seed)', await startOnce('first')]);
}
results.push(['built, data kept (restart)', await startOnce('restart')]);
rmSync(dataDir, { recursive: true, force: true });
console.log('\npnpm start -> ready');
for (const [label, seconds] of results) console.log(`  ${label}: ${seconds.toFixed(1)} s`);
