// The console in Chinese, English and Russian (strings shown, html lang, the language picker),
// complete catalogues, a wrong token, and basic accessibility: every control named, 44 px targets,
// state said in text.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib.js');

const LANGS = ['zh-CN', 'en', 'ru'];
const INTERPRETER = { id: 'int-dina', name: 'Dina', role: 'interpreter', token: 'dina-token-0123456789' };
const CSL_ONLY = { id: 'int-eva', name: 'Eva', role: 'interpreter', token: 'eva-token-0123456789', languages: ['csl'] };
const catalog = (lang) => JSON.parse(fs.readFileSync(path.join(lib.WEB, 'i18n', lang + '.json'), 'utf8'));

let relay, browser, page;

before(async () => {
  const problem = lib.checkEnvironment();
  if (problem) throw new Error(problem);
  relay = new lib.Relay([INTERPRETER, CSL_ONLY]);
  await relay.start();
  browser = await lib.launchBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (relay) { await relay.stop(); relay.cleanup(); }
});

test('the three catalogues have the same keys, no empty string, the same placeholders', () => {
  const en = catalog('en');
  for (const lang of LANGS) {
    const c = catalog(lang);
    assert.deepEqual(Object.keys(c).sort(), Object.keys(en).sort(), `${lang} keys`);
    for (const [k, v] of Object.entries(c)) {
      assert.ok(typeof v === 'string' && v.trim().length > 0, `${lang} ${k} empty`);
      const ph = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
      assert.equal(ph(v), ph(en[k]), `${lang} ${k} placeholders`);
    }
  }
  // Every key the page and the script use exists.
  const html = fs.readFileSync(path.join(lib.WEB, 'index.html'), 'utf8');
  const js = fs.readFileSync(path.join(lib.WEB, 'console.js'), 'utf8');
  const used = new Set([...html.matchAll(/data-i18n(?:-aria)?="([^"]+)"/g)].map((m) => m[1]));
  for (const m of js.matchAll(/\bt\('([a-zA-Z.-]+)'[,)]/g)) used.add(m[1]);
  for (const key of used) assert.ok(key in en, `key ${key} used but missing`);
});

for (const lang of LANGS) {
  test(`shows the console in ${lang}`, async () => {
    const c = catalog(lang);
    await page.goto(relay.url + '?lang=' + lang);
    await page.waitForFunction((l) => window.fdConsole && window.fdConsole.lang === l &&
                               document.documentElement.lang === l, lang);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.title(), c['app.title']);
    assert.equal(await page.textContent('#app-title'), c['app.title']);
    assert.equal(await page.textContent('#signin-title'), c['signin.title']);
    assert.equal(await page.textContent('#signin-button'), c['signin.button']);
    assert.equal(await page.textContent('label[for=token]'), c['signin.token']);
    // Every translated element shows its catalogue string.
    const shown = await page.evaluate(() => Array.from(document.querySelectorAll('[data-i18n]'))
      .map((el) => [el.dataset.i18n, el.textContent]));
    for (const [key, text] of shown) assert.equal(text, c[key], `${lang}: ${key}`);
    // A wrong token: a clear error in this language, no reconnect loop.
    await page.fill('#token', 'not-a-valid-token-at-all');
    await page.click('#signin-button');
    await page.waitForSelector('#signin-error:not([hidden])', { timeout: 10000 });
    assert.equal(await page.textContent('#signin-error'), c['error.auth']);
    assert.equal(await page.isHidden('#desk'), true);
  });
}

test('the language picker switches the page at once and is remembered', async () => {
  await page.goto(relay.url + '?lang=en');
  await page.waitForFunction(() => window.fdConsole && window.fdConsole.lang === 'en');
  await page.selectOption('#ui-lang', 'ru');
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  assert.equal(await page.textContent('#signin-button'), catalog('ru')['signin.button']);
  await page.goto(relay.url); // no ?lang: the saved choice
  await page.waitForFunction(() => window.fdConsole && window.fdConsole.lang === 'ru');
  await page.selectOption('#ui-lang', 'zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  // Signed in, in Chinese: the state strings follow.
  await lib.signIn(page, INTERPRETER.token, ['csl']);
  const zh = catalog('zh-CN');
  assert.equal(await page.textContent('#presence-badge'), zh['presence.available']);
  assert.equal(await page.textContent('#connection-text'), zh['conn.connected']);
  await page.selectOption('#ui-lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.textContent('#presence-badge'), 'Available');
});

test('a language the token does not allow is refused with its own message', async () => {
  const page2 = await browser.context.newPage();
  await page2.goto(relay.url + '?lang=en');
  await page2.waitForFunction(() => window.fdConsole && Object.keys(window.fdConsole.strings).length > 0);
  await page2.fill('#token', CSL_ONLY.token);
  await page2.setChecked('#signin-form input[value=ru]', true);
  await page2.click('#signin-button');
  await page2.waitForSelector('#signin-error:not([hidden])', { timeout: 10000 });
  assert.equal(await page2.textContent('#signin-error'), catalog('en')['error.language']);
  await page2.setChecked('#signin-form input[value=ru]', false);
  await lib.signIn(page2, CSL_ONLY.token, ['csl']);
  assert.equal(await page2.textContent('#user-name'), 'Eva');
  await page2.close();
});

test('every control is named, big enough and reachable by keyboard', async () => {
  // The signed-in console with the incoming-call alert and the call panel made visible, so
  // their controls are measured too.
  await page.evaluate(() => {
    document.getElementById('incoming').hidden = false;
    document.getElementById('call').hidden = false;
  });
  const report = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, input, select, video')) {
      if (el.offsetParent === null && el.tagName !== 'VIDEO') continue; // not shown
      let name = el.getAttribute('aria-label') || '';
      if (!name && el.labels && el.labels.length) name = Array.from(el.labels).map((l) => l.textContent).join(' ');
      if (!name && el.tagName === 'BUTTON') name = el.textContent;
      const r = el.getBoundingClientRect();
      const target = el.type === 'checkbox' && el.closest('label') ? el.closest('label').getBoundingClientRect() : r;
      out.push({ id: el.id || el.name || el.tagName, name: name.trim(), w: target.width, h: target.height,
                 tag: el.tagName, tabbable: el.tabIndex >= 0 });
    }
    return out;
  });
  for (const c of report) {
    assert.ok(c.name.length > 0, `${c.tag} ${c.id} has no accessible name`);
    if (c.tag !== 'VIDEO') {
      assert.ok(c.h >= 44, `${c.id} is ${c.h} px high (44 px targets)`);
      assert.ok(c.tabbable, `${c.id} is not reachable by keyboard`);
    }
  }
  assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
  assert.equal(await page.getAttribute('#chat-log', 'aria-live'), 'polite');
});
