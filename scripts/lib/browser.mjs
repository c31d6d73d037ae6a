// A page in any of the three engines, driven over W3C WebDriver by
// selenium-webdriver, for the end-to-end tests and the packaging proofs.
//
// The client connects to a driver this project starts itself
// (scripts/lib/engines.mjs, `usingServer`), so Selenium Manager, the part
// of selenium-webdriver that looks for and downloads browsers and drivers,
// never runs: nothing is downloaded. Only classic WebDriver commands are
// used (no BiDi, no CDP), which all three drivers speak.
import { mkdtempSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Builder, Key } from "selenium-webdriver";
import { capabilities, engineName, focusWebKitWindow, startDriver } from "./engines.mjs";
import { removeOnExit } from "./services.mjs";

export { Key };

/**
 * In-page lookup of a selector that may cross open shadow roots:
 * "takecontrol-help >>> [name=customerName]" is the element matching the
 * second part inside the shadow root of the first. `all` lists every match
 * of the last part.
 */
const DEEP = `function deep(selector, all) {
  const parts = selector.split(">>>").map((part) => part.trim());
  let root = document;
  for (const part of parts.slice(0, -1)) root = root?.querySelector(part)?.shadowRoot ?? null;
  if (!root) return all ? [] : null;
  return all ? [...root.querySelectorAll(parts.at(-1))] : root.querySelector(parts.at(-1));
}`;

/** Characters outside the Basic Multilingual Plane (emoji): not all drivers can type them. */
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;

/**
 * Starts the engine's driver and resolves with a browser that opens pages,
 * each in a new WebDriver session: a browser of its own, with a new profile
 * (Chrome, Firefox) or an automation session's ephemeral one (WebKit), so
 * that no cookie, storage or cache is shared between pages. `close()` ends
 * them all and stops the driver.
 */
export async function openBrowser(id) {
  const driver = await startDriver(id);
  const pages = new Set();
  return {
    id,
    /**
     * Opens a session with its window's viewport at `viewport` (CSS px).
     * `host`: a test host name the session resolves to 127.0.0.1, in the
     * engines that can (capabilities()).
     */
    async newPage({ viewport = { width: 1280, height: 800 }, host } = {}) {
      const page = await Page.open(id, driver, viewport, host);
      pages.add(page);
      page.onClose = () => pages.delete(page);
      return page;
    },
    async close() {
      await Promise.allSettled([...pages].map((page) => page.close()));
      await driver.stop();
    },
  };
}

class Page {
  static async open(id, driver, viewport, host) {
    const profile = id === "webkit" ? null : mkdtempSync(join(tmpdir(), `takecontrol-${id}-`));
    const removeProfile = profile ? removeOnExit(profile) : () => {};
    let session;
    try {
      session = await new Builder().usingServer(driver.url).withCapabilities(capabilities(id, { profile, host })).build();
    } catch (error) {
      removeProfile();
      throw error;
    }
    const page = new Page(id, session, removeProfile);
    try {
      await session.manage().setTimeouts({ script: 60_000, pageLoad: 60_000 });
      if (id === "webkit") focusWebKitWindow(driver.env);
      await page.setViewport(viewport);
    } catch (error) {
      await page.close();
      throw error;
    }
    return page;
  }

  constructor(id, session, removeProfile) {
    this.engine = id;
    this.session = session;
    this.removeProfile = removeProfile;
    this.viewport = null;
  }

  async close() {
    this.onClose?.();
    await this.session.quit().catch(() => {});
    this.removeProfile();
  }

  /**
   * Sizes the window so that the viewport (innerWidth x innerHeight) is
   * `width` x `height`: each engine's window has its own frame around it
   * (headless Chrome's is 143 px tall, MiniBrowser's toolbar 38 px).
   */
  async setViewport({ width, height }) {
    const window = this.session.manage().window();
    let rect = { width, height };
    for (let i = 0; i < 3; i += 1) {
      await window.setRect(rect);
      const [innerWidth, innerHeight] = await this.evaluate(() => [window.innerWidth, window.innerHeight]);
      if (innerWidth === width && innerHeight === height) break;
      const outer = await window.getRect();
      rect = { width: outer.width + width - innerWidth, height: outer.height + height - innerHeight };
    }
    const [innerWidth, innerHeight] = await this.evaluate(() => [window.innerWidth, window.innerHeight]);
    if (innerWidth !== width) throw new Error(`${engineName(this.engine)}: the viewport is ${innerWidth} px wide, not ${width}`);
    this.viewport = { width, height: innerHeight };
  }

  goto(url) {
    return this.session.get(url);
  }

  /** Runs `fn(...args)` in the page and returns its (JSON-able) result. */
  evaluate(fn, ...args) {
    return this.session.executeScript(`return (${fn}).apply(null, arguments);`, ...args);
  }

  /** Waits until `fn(...args)` is truthy in the page; returns that value. */
  async waitFor(fn, args = [], { timeout = 20_000, message } = {}) {
    return this.session.wait(() => this.evaluate(fn, ...args), timeout, message ?? `waited ${timeout} ms for ${fn}`, 50);
  }

  /** Runs `body` in the page with `deep` (DEEP) defined and `arguments` passed on. */
  deep(body, ...args) {
    return this.session.executeScript(`${DEEP}\n${body}`, ...args);
  }

  /** The elements matching `selector` (which may cross shadow roots: DEEP). */
  async findAll(selector) {
    if (!selector.includes(">>>")) return this.session.findElements({ css: selector });
    return this.deep("return deep(arguments[0], true);", selector);
  }

  async find(selector) {
    const [element] = await this.findAll(selector);
    if (!element) throw new Error(`no element matches ${selector}`);
    return element;
  }

  async count(selector) {
    return (await this.findAll(selector)).length;
  }

  /** Waits until the element exists and is displayed (or, with `hidden`, is not). */
  async waitVisible(selector, { hidden = false, timeout = 20_000 } = {}) {
    await this.session.wait(
      async () => {
        const [element] = await this.findAll(selector);
        const shown = element ? await element.isDisplayed() : false;
        return hidden ? !shown : shown;
      },
      timeout,
      `${selector} never became ${hidden ? "hidden" : "visible"}`,
      50,
    );
  }

  async click(selector) {
    await (await this.find(selector)).click();
  }

  async dblclick(selector) {
    const element = await this.find(selector);
    // Pointer actions need their target inside the viewport (Firefox, WebKit).
    await this.evaluate((el) => el.scrollIntoView({ block: "center" }), element);
    await this.session.actions({ async: true }).doubleClick(element).perform();
  }

  /**
   * Replaces a field's value as a visitor would: cleared, then typed key by
   * key. Text with characters outside the BMP (emoji), which
   * WebKitWebDriver drops from typed keys, and text of over 200 characters
   * (a second or more of typing each) are set as the field's value with
   * `input` and `change` events instead, as a paste would.
   */
  async fill(selector, value) {
    const element = await this.find(selector);
    if (ASTRAL.test(value) || value.length > 200) {
      await this.evaluate(
        (el, text) => {
          el.focus();
          el.value = text;
          el.dispatchEvent(new Event("input", { bubbles: true }));
          el.dispatchEvent(new Event("change", { bubbles: true }));
        },
        element,
        value,
      );
      return;
    }
    await element.clear();
    if (value) await element.sendKeys(value);
  }

  /** Picks the `<option>` with `value` by clicking it, as WebDriver defines a click on an option. */
  async select(selector, value) {
    await (await this.find(`${selector} option[value="${value}"]`)).click();
  }

  /** Types `keys` into whatever has focus (Key.TAB, Key.SHIFT + Key.TAB, text). */
  async press(...keys) {
    const actions = this.session.actions({ async: true });
    for (const key of keys) {
      if (Array.isArray(key)) {
        // A chord: the modifiers held down around the last key.
        const modifiers = key.slice(0, -1);
        for (const modifier of modifiers) actions.keyDown(modifier);
        actions.sendKeys(key.at(-1));
        for (const modifier of modifiers.reverse()) actions.keyUp(modifier);
      } else actions.sendKeys(key);
    }
    await actions.perform();
  }

  /**
   * The element's innerText, as the visitor reads it. The line breaks that
   * WebKit leaves after a last block child (the spec drops them) are dropped.
   */
  async text(selector) {
    return this.deep('return deep(arguments[0])?.innerText.replace(/\\n+$/, "") ?? null;', selector);
  }

  async attribute(selector, name) {
    return this.deep("return deep(arguments[0])?.getAttribute(arguments[1]) ?? null;", selector, name);
  }

  async isVisible(selector) {
    const [element] = await this.findAll(selector);
    return element ? element.isDisplayed() : false;
  }

  async isEnabled(selector) {
    return (await this.find(selector)).isEnabled();
  }

  async value(selector) {
    return this.deep("return deep(arguments[0]).value;", selector);
  }

  /** The id (or tag name) of the focused element, inside open shadow roots too. */
  activeId() {
    return this.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.id || active?.tagName;
    });
  }

  async box(selector) {
    return (await this.find(selector)).getRect();
  }

  async focus(selector) {
    await this.deep("deep(arguments[0]).focus();", selector);
  }

  pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * Writes a PNG of the page. With `fullPage`, the window first grows to the
   * page's height (at the same width) and the page is scrolled to its top,
   * so that the picture shows everything; then the viewport is put back.
   */
  async screenshot(path, { fullPage = false } = {}) {
    const viewport = this.viewport;
    if (fullPage) {
      const height = await this.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
      if (height > viewport.height) await this.setViewport({ width: viewport.width, height: Math.min(height, 2800) });
      await this.evaluate(() => window.scrollTo(0, 0));
    }
    try {
      await this.painted();
      await writeFile(path, Buffer.from(await this.session.takeScreenshot(), "base64"));
    } finally {
      if (fullPage && this.viewport.height !== viewport.height) await this.setViewport(viewport);
    }
  }

  /** Waits for two animation frames: what was laid out last has been painted. */
  painted() {
    return this.session.executeAsyncScript(
      "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
    );
  }
}
