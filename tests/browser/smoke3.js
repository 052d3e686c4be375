const lib = require('./lib.js');
(async () => {
  const relay = new lib.Relay([{ id: 'int-a', name: 'Anna', role: 'interpreter', token: 'interpreter-token-aaaa' },
                               { id: 'desk-1', name: 'Desk 1', role: 'desk', token: 'desk-token-111111111' }]);
  await relay.start();
  const b = await lib.launchBrowser();
  const page = await b.context.newPage();
  const t0 = Date.now();
  page.on('console', (m) => console.log(((Date.now()-t0)/1000).toFixed(2), 'console:', m.text()));
  await page.goto(relay.url + '?lang=en');
  await page.evaluate(() => {
    const ws0 = WebSocket.prototype.send; WebSocket.prototype.send = function (d) { const m = JSON.parse(d); if (m.type !== 'ping') console.log('send', m.type, m.candidate || ''); return ws0.call(this, d); };
  });
  await lib.signIn(page, 'interpreter-token-aaaa');
  await page.evaluate(() => { fdConsole.signal.on('sdp', (m) => console.log('recv sdp', m.sdp_type)); fdConsole.signal.on('ice', (m) => console.log('recv ice', m.candidate)); fdConsole.signal.on('call-accepted', () => console.log('accepted')); });
  const agent = new lib.Agent(['--relay', relay.ws, '--token', 'desk-token-111111111', '--role', 'desk',
    '--language', 'csl', '--ice-address', '127.0.0.1', '--duration', '3', '--calls', '1']);
  await page.waitForSelector('#incoming:not([hidden])', { timeout: 10000 });
  console.log(((Date.now()-t0)/1000).toFixed(2), 'click');
  await page.click('#accept');
  await agent.waitEvent('first-frame');
  console.log(((Date.now()-t0)/1000).toFixed(2), 'agent first frame');
  await agent.stop(); await b.close(); await relay.stop(); relay.cleanup();
})().catch((e) => { console.error(e); process.exit(1); });
