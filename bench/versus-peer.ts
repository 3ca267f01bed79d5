/**
 * The side-by-side bench's peer, @elastic/synthetics, installed on demand into bench/.peer (ignored
 * by git; never a dependency of the project) from the pinned bench/elastic/package-lock.json, with
 * no install scripts (its Playwright would download browsers; it runs our Chromium instead).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './children';

export const PEER_NAME = '@elastic/synthetics';
export const PEER_VERSION = '1.26.3';
/** Where the peer is installed, and its journeys folder (what `elastic-synthetics journeys` runs). */
export const PEER_DIR = join(REPO_ROOT, 'bench', '.peer');
export const PEER_JOURNEYS = 'journeys';
const SOURCE_DIR = join(REPO_ROOT, 'bench', 'elastic');
const JOURNEY_FILE = 'system-check.journey.js';
/** A first install downloads about 100 MB of packages. */
const INSTALL_TIMEOUT_MS = 5 * 60_000;

function installedVersion(): string | undefined {
  const manifest = join(PEER_DIR, 'node_modules', ...PEER_NAME.split('/'), 'package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

function sameFile(a: string, b: string): boolean {
  return existsSync(a) && existsSync(b) && readFileSync(a, 'utf8') === readFileSync(b, 'utf8');
}

/**
 * Makes sure bench/.peer holds the pinned peer and the journey; installs it (`npm ci`) when missing
 * or when the lock file changed. Returns what it did, for the bench's log.
 */
export function ensurePeer(): string {
  mkdirSync(join(PEER_DIR, PEER_JOURNEYS), { recursive: true });
  copyFileSync(join(SOURCE_DIR, JOURNEY_FILE), join(PEER_DIR, PEER_JOURNEYS, JOURNEY_FILE));
  const lock = join(SOURCE_DIR, 'package-lock.json');
  if (installedVersion() === PEER_VERSION && sameFile(lock, join(PEER_DIR, 'package-lock.json'))) {
    return `${PEER_NAME} ${PEER_VERSION} already in bench/.peer`;
  }
  copyFileSync(join(SOURCE_DIR, 'package.json'), join(PEER_DIR, 'package.json'));
  copyFileSync(lock, join(PEER_DIR, 'package-lock.json'));
  const result = spawnSync('npm', ['ci', '--prefix', PEER_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: PEER_DIR,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (result.status !== 0 || installedVersion() !== PEER_VERSION) {
    const reason = result.error?.message ?? `exit ${result.status}`;
    throw new Error(
      `installing ${PEER_NAME} ${PEER_VERSION} into bench/.peer failed (${reason}): ${(result.stderr ?? '').trim().slice(-800)}`,
    );
  }
  return `installed ${PEER_NAME} ${PEER_VERSION} into bench/.peer`;
}

/**
 * A consumer project in `dir` with autocrm-synthetics as its one dependency (`file:` the repository,
 * a symlink: nothing is copied or downloaded), so `npx autocrm-synthetics` there finds the bin in
 * node_modules/.bin the way the peer's is found in bench/.peer. In the repository itself npx takes
 * another path for the project's own bin: it loads the whole dependency tree first (npm's Arborist,
 * about 0.45 s of CPU here) to see whether the project is installed.
 */
export function installOursAsDependency(dir: string): void {
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'autocrm-synthetics-consumer', private: true, dependencies: { 'autocrm-synthetics': `file:${REPO_ROOT}` } })}\n`,
  );
  const result = spawnSync('npm', ['install', '--prefix', dir, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.status !== 0) {
    throw new Error(`linking autocrm-synthetics into ${dir} failed (exit ${result.status}): ${(result.stderr ?? '').trim().slice(-500)}`);
  }
}
