const lib = require('./lib.js');
(async () => {
  const relay = new lib.Relay([{ id: 'int-a', name: 'Anna', role: 'interpreter', token: 'interpreter-token-aaaa' },
                               { id: 'desk-1', name: 'Desk 1', role: 'desk', token: 'desk-token-111111111' }]);
  await relay.start();
  const b = await lib.launchBrowser();
  const page = await b.context.newPage();
  await page.goto(relay.url + '?lang=en');
  await page.evaluate(() => { const o = FdCall.prototype.onRemoteSdp; FdCall.prototype.onRemoteSdp = function (t, s) { window.__offer = s; return o.call(this, t, s); }; });
  await lib.signIn(page, 'interpreter-token-aaaa');
  const agent = new lib.Agent(['--relay', relay.ws, '--token', 'desk-token-111111111', '--role', 'desk',
    '--language', 'csl', '--ice-address', '127.0.0.1', '--duration', '3', '--calls', '1']);
  await page.waitForSelector('#incoming:not([hidden])', { timeout: 10000 });
  await page.click('#accept');
  await lib.sleep(3000);
  console.log(await page.evaluate(() => window.__offer));
  await agent.stop(); await b.close(); await relay.stop(); relay.cleanup();
})().catch((e) => { console.error(e); process.exit(1); });
