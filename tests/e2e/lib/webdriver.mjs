// A small W3C WebDriver client over fetch: just what the Filmdesk end-to-end tests use.
// Spec: https://www.w3.org/TR/webdriver2/ (tauri-driver forwards it to WebKitWebDriver).

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** Key codes from the spec's keyboard table, for sendKeys / keys. */
export const Key = Object.freeze({
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
});

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    const detail = value && typeof value === 'object' ? `${value.error}: ${value.message}` : String(value);
    super(`${method} ${path} -> HTTP ${status}: ${detail}`);
    this.status = status;
    this.code = value?.error;
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(method, path, res.status, text.slice(0, 500));
  }
  if (!res.ok) throw new WebDriverError(method, path, res.status, json.value);
  return json.value;
}

export class Session {
  /**
   * Starts a new session: the driver launches `application` with `args`.
   * @param {string} base  e.g. http://127.0.0.1:4444
   */
  static async create(base, { application, args = [] }) {
    const value = await request(base, 'POST', '/session', {
      capabilities: {
        alwaysMatch: { 'tauri:options': { application, args } },
      },
    });
    return new Session(base, value.sessionId);
  }

  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Ends the session (the driver closes the app). Never throws: the app may already be gone. */
  async delete() {
    try {
      await this.cmd('DELETE', '');
    } catch {
      // Already dead (e.g. after killApp); the harness kills what is left.
    }
  }

  async findAll(css, from) {
    const path = from ? `/element/${from.id}/elements` : '/elements';
    const list = await this.cmd('POST', path, { using: 'css selector', value: css });
    return list.map((ref) => new Element(this, ref[ELEMENT_KEY]));
  }

  /** The first element matching `css`, or null. */
  async findOrNull(css, from) {
    const [first] = await this.findAll(css, from);
    return first ?? null;
  }

  async find(css, from) {
    const el = await this.findOrNull(css, from);
    if (!el) throw new Error(`no element matches ${css}`);
    return el;
  }

  /** Polls until `css` matches (and, if given, `predicate(element)` holds); returns the element. */
  async waitFor(css, { timeout = 20_000, predicate, from } = {}) {
    let last = `nothing matched ${css}`;
    const found = await waitUntil(
      async () => {
        for (const el of await this.findAll(css, from)) {
          if (!predicate) return el;
          try {
            if (await predicate(el)) return el;
            last = `${css} matched, but not the predicate`;
          } catch (e) {
            last = String(e); // stale element while the UI re-renders: try again
          }
        }
        return null;
      },
      { timeout, what: () => last },
    );
    return found;
  }

  /** Runs a synchronous script in the page; `args` may hold Elements. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args: args.map(toWire) });
  }

  /** Keys to whatever has focus (W3C actions: key down and up for each character). */
  async keys(text) {
    const actions = [];
    for (const ch of text) actions.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /** Holds `modifier` (e.g. Key.Control) while pressing `key`. */
  async chord(modifier, key) {
    const actions = [
      { type: 'keyDown', value: modifier },
      { type: 'keyDown', value: key },
      { type: 'keyUp', value: key },
      { type: 'keyUp', value: modifier },
    ];
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /** A PNG of the viewport, as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  title() {
    return this.cmd('GET', '/title');
  }

  async setWindowRect(rect) {
    return this.cmd('POST', '/window/rect', rect);
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.cmd('POST', '/click', {});
  }

  clear() {
    return this.cmd('POST', '/clear', {});
  }

  /** Types into the element (focusing it first, caret at the end). */
  sendKeys(text) {
    return this.cmd('POST', '/value', { text });
  }

  text() {
    return this.cmd('GET', '/text');
  }

  property(name) {
    return this.cmd('GET', `/property/${encodeURIComponent(name)}`);
  }

  attribute(name) {
    return this.cmd('GET', `/attribute/${encodeURIComponent(name)}`);
  }

  displayed() {
    return this.cmd('GET', '/displayed');
  }

  /** Polls until `css` matches inside this element (see Session.waitFor). */
  waitFor(css, options = {}) {
    return this.session.waitFor(css, { ...options, from: this });
  }

  find(css) {
    return this.session.find(css, this);
  }

  findAll(css) {
    return this.session.findAll(css, this);
  }
}

function toWire(arg) {
  return arg instanceof Element ? { [ELEMENT_KEY]: arg.id } : arg;
}

/**
 * Polls `fn` until it returns something truthy (which is returned). Errors from `fn` count as "not
 * yet". Fails after `timeout` ms with `what()` as the reason. A wait, not a timing assertion.
 */
export async function waitUntil(fn, { timeout = 20_000, interval = 100, what = () => 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what()}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await sleep(interval);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
