#!/usr/bin/env node
// Pages that edit one Y.Text peer to peer over y-webrtc, in real headless Chromium, for the server's signalling
// page test: Weft is their signalling server and nothing else. Driven by the Java side over line-protocol.js.
// The page script (webrtc/page.js: yjs and y-webrtc) is bundled with esbuild when this process starts; each page
// is served by Playwright's router at a URL on the signalling server's own origin, so it needs no web server.
// Operations (all but `open` name a `page`):
//   open   {origin, signaling, room}  -> {page}  a page in a browser context of its own, joined to `room`
//   insert {page, index, text}                   inserts into the shared Y.Text
//   read   {page}                     -> {text, webrtcPeers, connectedPeers, signalingConnected, errors}
//   close  {page}
import { chromium } from 'playwright-core'
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { serveLines, lookUp } from './line-protocol.js'

const CHROMIUM = process.env.WEFT_CHROMIUM || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebRtcHideLocalIpsWithMdns: host candidates as plain addresses rather than mDNS names, which a machine without
  // an mDNS responder cannot resolve, so that the two pages find each other on the machine's own network.
  // LocalNetworkAccessChecks: a page that Playwright's router serves has no address space of its own, so Chromium
  // would count it as public and refuse its WebSocket to the signalling server on 127.0.0.1.
  '--disable-features=WebRtcHideLocalIpsWithMdns,LocalNetworkAccessChecks'
]

const bundle = (await build({
  entryPoints: [fileURLToPath(new URL('../webrtc/page.js', import.meta.url))],
  bundle: true,
  write: false,
  format: 'iife',
  target: 'es2022',
  logLevel: 'warning'
})).outputFiles[0].text
const html = `<!doctype html><meta charset="utf-8"><title>Weft WebRTC test</title><script>${bundle.replaceAll('</script', '<\\/script')}</script>`

/** @type {Promise<import('playwright-core').Browser>|null} */
let browser = null
const pages = new Map()
let pagesOpened = 0

const launch = () => {
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS })
  return browser
}

const tab = request => lookUp(pages, request.page, 'page')

serveLines({
  open: async ({ origin, signaling, room }) => {
    const context = await (await launch()).newContext()
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', error => errors.push(error.stack ?? String(error)))
    const url = new URL('/weft-webrtc-test', origin).href
    await page.route(url, route => route.fulfill({ contentType: 'text/html', body: html }))
    await page.goto(url)
    await page.evaluate(([signaling, room]) => window.weftWebrtc.start(signaling, room), [signaling, room])
    const name = `page-${++pagesOpened}`
    pages.set(name, { context, page, errors })
    return { page: name }
  },
  insert: async request => {
    await tab(request).page.evaluate(([index, text]) => window.weftWebrtc.insert(index, text), [request.index, request.text])
  },
  read: async request => {
    const { page, errors } = tab(request)
    return { ...(await page.evaluate(() => window.weftWebrtc.read())), errors }
  },
  close: async request => {
    const { page, context } = tab(request)
    await page.evaluate(() => window.weftWebrtc.stop())
    await context.close()
    pages.delete(request.page)
  }
}, async () => {
  if (browser !== null) {
    await (await browser).close()
  }
})
