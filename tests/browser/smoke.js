const lib = require('./lib.js');
(async () => {
  const relay = new lib.Relay([{ id: 'int-a', name: 'Anna', role: 'interpreter', token: 'interpreter-token-aaaa' },
                               { id: 'desk-1', name: 'Desk 1', role: 'desk', token: 'desk-token-111111111' }]);
  await relay.start();
  const b = await lib.launchBrowser();
  const page = await b.context.newPage();
  page.on('console', (m) => console.log('console:', m.text()));
  await page.goto(relay.url + '?lang=en');
  await lib.signIn(page, 'interpreter-token-aaaa');
  console.log(await page.textContent('#status'));
  const agent = new lib.Agent(['--relay', relay.ws, '--token', 'desk-token-111111111', '--role', 'desk',
    '--language', 'csl', '--ice-address', '127.0.0.1', '--duration', '8', '--calls', '1', '--chat', 'hello from desk', '--echo-chat']);
  await page.waitForSelector('#incoming:not([hidden])', { timeout: 10000 });
  console.log('incoming:', await page.textContent('#incoming-detail'));
  await page.click('#accept');
  await lib.sleep(5000);
  console.log(await page.evaluate(() => JSON.stringify({ stats: fdConsole.call && fdConsole.call.stats, chat: fdConsole.chatLog, warn: fdConsole.warnings })));
  console.log(agent.lines.filter(l => l.event !== 'stats').map(l => JSON.stringify(l)).join('\n'));
  console.log(JSON.stringify(agent.last('stats')));
  await page.fill('#chat-input', 'hi from browser'); await page.click('#chat-send');
  await lib.sleep(4000);
  console.log(await page.evaluate(() => JSON.stringify({ chat: fdConsole.chatLog, sdp: fdConsole.call && fdConsole.call.localSdp })));
  console.log(await page.textContent('#status'));
  console.log(agent.describe());
  await agent.stop(); await b.close(); await relay.stop(); relay.cleanup();
})().catch((e) => { console.error(e); process.exit(1); });
