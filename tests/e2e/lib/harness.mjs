// The end-to-end harness: a private X display (Xvfb), tauri-driver (which runs WebKitWebDriver,
// which runs the app), and sessions on the real Filmdesk binary. Everything it starts runs in its own
// process group and is killed on stop(), on failure, and when the test process exits.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session, sleep, waitUntil } from './webdriver.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The app under test: the debug build with the UI embedded (`make build`). */
export const APP = resolve(process.env.FILMDESK_APP ?? join(REPO, 'target/debug/filmdesk'));
export const ARTIFACTS = join(REPO, 'tests/e2e/artifacts');
const SCREEN = '1440x900x24';

/** Every process group we started, so that an exit of any kind can kill them. */
const groups = new Set();
process.on('exit', () => {
  for (const pgid of groups) killGroup(pgid, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    for (const pgid of groups) killGroup(pgid, 'SIGKILL');
    process.exit(128 + 2);
  });
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `cmd` as the leader of a new process group, output to `logFile`. */
function spawnGroup(cmd, args, { env, logFile, extraStdio = [] }) {
  const log = openSync(logFile, 'a');
  const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', log, log, ...extraStdio] });
  closeSync(log);
  groups.add(child.pid);
  child.exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  child.once('error', () => {}); // reported through `exited` / the port wait
  return child;
}

async function stopGroup(child) {
  if (!child || !groups.has(child.pid)) return;
  killGroup(child.pid, 'SIGTERM');
  const deadline = Date.now() + 3000;
  while (groupAlive(child.pid) && Date.now() < deadline) await sleep(50);
  killGroup(child.pid, 'SIGKILL');
  while (groupAlive(child.pid) && Date.now() < deadline + 2000) await sleep(50);
  groups.delete(child.pid);
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function portOpen(port) {
  return new Promise((res) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      res(true);
    });
    sock.once('error', () => res(false));
  });
}

function which(name, extraDirs = []) {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), ...extraDirs]) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

/** Starts Xvfb on a display it picks itself (-displayfd), so parallel runs never collide. */
async function startXvfb(logFile) {
  const xvfb = which('Xvfb');
  if (!xvfb) throw new Error('Xvfb not found: run scripts/setup.sh (apt package xvfb)');
  const child = spawnGroup(xvfb, ['-displayfd', '3', '-screen', '0', SCREEN, '-nolisten', 'tcp'], {
    env: process.env,
    logFile,
    extraStdio: ['pipe'],
  });
  const display = await new Promise((res, rej) => {
    let buf = '';
    const timer = setTimeout(() => rej(new Error(`Xvfb did not report a display (see ${logFile})`)), 20_000);
    child.stdio[3].on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) {
        clearTimeout(timer);
        res(`:${buf.trim()}`);
      }
    });
    child.exited.then(({ code, signal }) => rej(new Error(`Xvfb exited (${code ?? signal}); see ${logFile}`)));
  });
  return { child, display };
}

/** Pids of running processes whose executable is `exe` and whose command line contains `needle`. */
export function findProcesses(exe, needle) {
  const want = realpathSync(exe);
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const target = readlinkSync(`/proc/${entry}/exe`).replace(/ \(deleted\)$/, '');
      if (target !== want) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (needle === undefined || cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return pids;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts Xvfb and tauri-driver, and waits until both the driver (tauri-driver) and the native driver
 * (WebKitWebDriver) accept connections: a request sent earlier is reset at random.
 * @param {{name: string, env?: Record<string,string>}} opts  name labels the logs in artifacts/
 */
export async function startDesktop({ name, env: extraEnv = {} }) {
  if (!existsSync(APP)) {
    throw new Error(`${APP} does not exist: build it first (make build)`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), `filmdesk-e2e-${name}-`));
  const desktop = new Desktop(name, tmp);
  try {
    await desktop.start(extraEnv);
  } catch (e) {
    await desktop.stop();
    throw e;
  }
  return desktop;
}

export class Desktop {
  constructor(name, tmp) {
    this.name = name;
    this.tmp = tmp;
    this.sessions = new Set();
  }

  log(kind) {
    return join(ARTIFACTS, `${this.name}.${kind}.log`);
  }

  async start(extraEnv) {
    for (const kind of ['xvfb', 'driver']) writeFileSync(this.log(kind), '');
    const { child, display } = await startXvfb(this.log('xvfb'));
    this.xvfb = child;
    this.display = display;

    const driverBin = process.env.TAURI_DRIVER ?? which('tauri-driver', [join(process.env.HOME ?? '/root', '.cargo/bin')]);
    if (!driverBin) throw new Error('tauri-driver not found: run scripts/setup.sh (cargo install tauri-driver)');
    const nativeDriver = process.env.WEBKIT_WEBDRIVER ?? which('WebKitWebDriver') ?? '/usr/bin/WebKitWebDriver';
    this.port = await freePort();
    this.nativePort = await freePort();
    while (this.nativePort === this.port) this.nativePort = await freePort();

    // The app gets a private home for everything but its database: its own config, cache and
    // runtime dirs, and no session bus, so that nothing of the user's (a running Filmdesk, window
    // state, settings) leaks in or is touched.
    const dirs = {};
    for (const d of ['config', 'data', 'cache', 'runtime']) {
      dirs[d] = join(this.tmp, d);
      mkdirSync(dirs[d], { recursive: true, mode: 0o700 });
    }
    const env = {
      ...process.env,
      DISPLAY: this.display,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      XDG_RUNTIME_DIR: dirs.runtime,
      NO_AT_BRIDGE: '1',
      // Software rendering: there is no GPU under Xvfb.
      WEBKIT_DISABLE_COMPOSITING_MODE: '1',
      LIBGL_ALWAYS_SOFTWARE: '1',
      RUST_BACKTRACE: '1',
      ...extraEnv,
    };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.WAYLAND_DISPLAY;
    this.env = env;

    this.driver = spawnGroup(
      driverBin,
      ['--port', String(this.port), '--native-port', String(this.nativePort), '--native-driver', nativeDriver],
      { env, logFile: this.log('driver') },
    );
    let exited = null;
    this.driver.exited.then((r) => (exited = r));
    await waitUntil(
      async () => {
        if (exited) throw new Error(`tauri-driver exited (${exited.code ?? exited.signal}); see ${this.log('driver')}`);
        return (await portOpen(this.port)) && (await portOpen(this.nativePort));
      },
      { timeout: 30_000, what: () => `tauri-driver on ${this.port} and WebKitWebDriver on ${this.nativePort}` },
    ).catch((e) => {
      throw exited ? new Error(`tauri-driver exited (${exited.code ?? exited.signal}); see ${this.log('driver')}`) : e;
    });
    this.url = `http://127.0.0.1:${this.port}`;
  }

  /** A fresh database path in this run's temp dir. */
  dbPath(file = 'filmdesk.sqlite') {
    return join(this.tmp, file);
  }

  /**
   * Opens the app (a new WebDriver session) on `db` (passed as --db; omit it to rely on
   * FILMDESK_DB given to startDesktop's env). Waits until the page has loaded.
   */
  async launch({ db, args = [] } = {}) {
    const appArgs = db ? ['--db', db, ...args] : args;
    const session = await Session.create(this.url, { application: APP, args: appArgs });
    this.sessions.add(session);
    await waitUntil(async () => (await session.execute('return document.readyState')) === 'complete', {
      timeout: 30_000,
      what: () => 'the page to load',
    });
    return session;
  }

  async close(session) {
    this.sessions.delete(session);
    await session.delete();
  }

  /**
   * Simulates a crash: SIGKILLs the app process running on `db` (found by its executable,
   * target/debug/filmdesk, and its --db argument) and waits until it is gone. Returns the pids killed.
   * The session it belonged to is dead afterwards; start a new one with launch().
   */
  async killApp({ db, session } = {}) {
    const pids = findProcesses(APP, db);
    if (pids.length === 0) throw new Error(`no running ${APP} with ${db}`);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await waitUntil(() => pids.every((pid) => !alive(pid) || isZombie(pid)), {
      timeout: 10_000,
      what: () => `pids ${pids} to exit`,
    });
    if (session) {
      this.sessions.delete(session);
      await session.delete(); // lets WebKitWebDriver forget it; fails quietly
    }
    return pids;
  }

  /**
   * Saves two PNGs under artifacts/: the WebDriver screenshot of the page (`<file>.png`) and the
   * whole X screen with the window's frame, taken with ImageMagick's import (`<file>-screen.png`).
   */
  async screenshot(session, file) {
    const page = join(ARTIFACTS, `${file}.png`);
    // WebKitWebDriver's page screenshot sometimes hangs for minutes on some screens (the trash, the
    // film page, the damaged-library screen; cause not yet found) and blocks the session behind it.
    // CI keeps only the X screenshot below, which never touches the WebDriver session.
    if (!process.env.CI) writeFileSync(page, await session.screenshot());
    const screen = join(ARTIFACTS, `${file}-screen.png`);
    try {
      execFileSync('import', ['-window', 'root', screen], { env: { ...process.env, DISPLAY: this.display }, stdio: 'ignore', timeout: 20_000 });
    } catch {
      // import is optional (ImageMagick); the page screenshot is what matters.
    }
    return { page, screen };
  }

  async stop() {
    for (const s of this.sessions) await s.delete();
    this.sessions.clear();
    await stopGroup(this.driver);
    await stopGroup(this.xvfb);
    // Anything the app left behind on this run's databases (it should have died with the driver).
    try {
      for (const pid of findProcesses(APP)) {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmd.includes(this.tmp)) process.kill(pid, 'SIGKILL');
      }
    } catch {
      // no app binary or no such process
    }
    if (!process.env.KEEP_E2E_TMP) rmSync(this.tmp, { recursive: true, force: true });
  }
}

function isZombie(pid) {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
