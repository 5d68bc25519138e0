import puppeteer from 'puppeteer-core';
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('response', (r) => { if (r.status() >= 400) console.log('http', r.status(), r.url()); });
for (const url of process.argv.slice(2)) {
  await page.goto(url, { waitUntil: 'networkidle0' });
  await new Promise((r) => setTimeout(r, 1500));
  const out = '/tmp/shot-' + url.replace(/\W+/g, '_').slice(-60) + '.png';
  console.log((await page.evaluate(() => String(!!customElements.get('cop-feed-preview')) + ' ' + JSON.stringify(document.querySelector('cop-feed-preview')?.feedState)?.slice(0,200) + ' ' + document.querySelector('cop-feed-preview')?.shadowRoot?.innerHTML.slice(0, 300))));
  await page.screenshot({ path: out, fullPage: true });
  console.log('shot', out);
}
await browser.close();
