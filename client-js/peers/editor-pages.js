#!/usr/bin/env node
// Weft's editor page in real headless Chromium, for the server's page tests: the Java side opens pages, types into
// them as a person would (keyboard events into the textarea) and reads what they show, over line-protocol.js.
// The browser is Debian's /usr/bin/chromium (WEFT_CHROMIUM overrides it), driven by playwright-core, which never
// downloads a browser of its own. Operations (all but `open` name a `page`):
//   open       {url}                        -> {page}   each page in its own browser context: its own storage and
//                                                       so its own user, and no channel between pages but the server
//   type       {page, text, at?}            types at position `at` of the text (default: the end)
//   press      {page, key}                  one key, e.g. "Backspace" (Playwright key names)
//   setName    {page, name}                 renames the user, as typing into "Your name" and leaving it does
//   read       {page}                       -> see `read` below
//   screenshot {page, path}                 a PNG of the page, for a person to look at
//   fill       {page, selector, value}      fills a field, as typing into it does
//   click      {page, selector}             clicks an element (a button)
//   select     {page, start, end}           selects characters start to end of the text, as dragging over them does
//   comments   {page}                       -> {threads: [{id, anchor, quote, resolved, private, active, buttons,
//                                              comments: [{author, body}], highlight}], selection, notice, status,
//                                              text, backdropMatches, errors}: the comment threads the page shows,
//                                              on the editor page and the reader page (read.html) alike. A thread's
//                                              `highlight` is {start, end, text} of the marks behind the text that
//                                              carry its id (offsets counted in the backdrop's own text), or null;
//                                              `backdropMatches` says the backdrop holds the textarea's text
//   reply      {page, thread, body}         types a reply into a thread's box and sends it
//   threadButton {page, thread, label}      clicks the button labelled `label` of a thread (Resolve, Reopen)
//   clickQuote {page, thread}               clicks a thread's quoted passage
//   clickPassage {page, thread}             clicks the text at the middle of a thread's highlight, with the
//                                              mouse, where a person sees it (the textarea takes the click)
//   choose     {page, selector, value}      picks the option `value` of a <select>
//   board      {page}                       -> {status, notice, people: [name], elements: [{id, type, x, y, width,
//                                              height, z, text, parent, selected, selectedBy}], arrows: [{id}],
//                                              connecting, outline, errors}: the canvas page (canvas.html), its
//                                              elements as drawn (position and size from their style) and the
//                                              exported outline (null until exported)
//   drag       {page, selector, dx, dy}     drags an element of the board by its top edge (where a card is
//                                              grabbed) dx, dy pixels with the mouse
//   close      {page}
import { chromium } from 'playwright-core'
import { serveLines, lookUp } from './line-protocol.js'

const CHROMIUM = process.env.WEFT_CHROMIUM || '/usr/bin/chromium'
// As this kind of machine documents: no sandbox as root, and none of the background traffic that a closed network
// refuses (updates, sync, first-run pings). Playwright gives each launch a fresh, empty --user-data-dir.
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** @type {Promise<import('playwright-core').Browser>|null} */
let browser = null
/** @type {Map<string, {context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, errors: string[]}>} */
const pages = new Map()
let pagesOpened = 0

const launch = () => {
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS })
  return browser
}

const tab = request => lookUp(pages, request.page, 'page')

/** What the page shows, read from its DOM (the same elements a person looks at). */
const read = page => page.evaluate(() => {
  const textarea = document.getElementById('text')
  const status = document.getElementById('status')
  const notice = document.getElementById('notice')
  return {
    title: document.title,
    doc: document.querySelector('#open input[name=doc]').value,
    text: textarea.value,
    selection: [textarea.selectionStart, textarea.selectionEnd],
    status: status.dataset.status,
    statusText: status.textContent,
    notice: notice.hidden ? null : notice.textContent,
    name: document.getElementById('name').value,
    people: [...document.querySelectorAll('#people li')].map(item => ({
      clientId: Number(item.dataset.clientId),
      name: item.firstChild.textContent,
      self: item.classList.contains('self')
    }))
  }
})

serveLines({
  open: async ({ url }) => {
    const context = await (await launch()).newContext()
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', error => errors.push(error.stack ?? String(error)))
    page.on('console', message => {
      if (message.type() === 'error') {
        errors.push(`${message.text()} (${message.location().url})`)
      }
    })
    const response = await page.goto(url)
    if (!response?.ok()) {
      await context.close()
      throw new Error(`${url} answered ${response?.status()}`)
    }
    const name = `page-${++pagesOpened}`
    pages.set(name, { context, page, errors })
    return { page: name }
  },
  type: async request => {
    const { page } = tab(request)
    const textarea = page.locator('#text')
    await textarea.focus()
    await textarea.evaluate((element, at) => {
      const position = at ?? element.value.length
      element.setSelectionRange(position, position)
    }, request.at ?? null)
    await page.keyboard.type(request.text)
  },
  press: async request => {
    const { page } = tab(request)
    await page.locator('#text').focus()
    await page.keyboard.press(request.key)
  },
  setName: async request => {
    const name = tab(request).page.locator('#name')
    await name.fill(request.name)
    await name.blur()
  },
  read: async request => {
    const { page, errors } = tab(request)
    return { ...(await read(page)), errors }
  },
  fill: async ({ page, selector, value }) => {
    await tab({ page }).page.locator(selector).fill(value)
  },
  click: async ({ page, selector }) => {
    await tab({ page }).page.locator(selector).click()
  },
  select: async ({ page, start, end }) => {
    const textarea = tab({ page }).page.locator('#text')
    await textarea.focus()
    await textarea.evaluate((element, [from, to]) => element.setSelectionRange(from, to), [start, end])
  },
  comments: async request => {
    const { page, errors } = tab(request)
    const shown = await page.evaluate(() => {
      const notice = document.getElementById('notice')
      const textarea = document.getElementById('text')
      const backdrop = document.getElementById('highlights')
      // Where each thread's marks lie in the backdrop's text.
      const highlighted = new Map()
      let offset = 0
      for (const node of backdrop.childNodes) {
        const length = node.textContent.length
        for (const id of node.nodeName === 'MARK' ? node.dataset.threads.split(' ') : []) {
          const [start, end] = highlighted.get(id) ?? [offset, offset]
          highlighted.set(id, [Math.min(start, offset), Math.max(end, offset + length)])
        }
        offset += length
      }
      const highlight = id => {
        const range = highlighted.get(id)
        return range ? { start: range[0], end: range[1], text: backdrop.textContent.slice(range[0], range[1]) } : null
      }
      return {
        threads: [...document.querySelectorAll('#threads > li')].map(item => ({
          id: Number(item.dataset.threadId),
          anchor: item.dataset.anchor,
          quote: item.querySelector('blockquote').textContent,
          resolved: item.dataset.resolved === 'true',
          private: item.dataset.private === 'true',
          active: item.classList.contains('active'),
          buttons: [...item.querySelectorAll(':scope > button')].map(button => button.textContent),
          comments: [...item.querySelectorAll('.comment')].map(line => ({
            author: line.querySelector('b').textContent,
            body: line.lastChild.textContent.slice(1)
          })),
          highlight: highlight(item.dataset.threadId)
        })),
        selection: [textarea.selectionStart, textarea.selectionEnd],
        notice: notice.hidden ? null : notice.textContent,
        status: document.getElementById('status').dataset.status,
        text: textarea.value,
        backdropMatches: backdrop.textContent === textarea.value
      }
    })
    return { ...shown, errors }
  },
  reply: async ({ page, thread, body }) => {
    const item = tab({ page }).page.locator(`#threads > li[data-thread-id="${thread}"]`)
    await item.locator('input[name=body]').fill(body)
    await item.locator('.reply button').click()
  },
  threadButton: async ({ page, thread, label }) => {
    await tab({ page }).page.locator(`#threads > li[data-thread-id="${thread}"] > button`, { hasText: label }).click()
  },
  clickQuote: async ({ page, thread }) => {
    await tab({ page }).page.locator(`#threads > li[data-thread-id="${thread}"] blockquote`).click()
  },
  clickPassage: async ({ page, thread }) => {
    const { page: tabPage } = tab({ page })
    // The first line box of its first mark: a passage broken over two lines has a bounding box wider than either.
    const box = await tabPage.evaluate(id => {
      const rect = document.querySelector(`#highlights mark[data-threads~="${id}"]`)?.getClientRects()[0]
      return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null
    }, thread)
    if (box === null) {
      throw new Error(`thread ${thread} has no highlight to click`)
    }
    await tabPage.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  },
  choose: async ({ page, selector, value }) => {
    await tab({ page }).page.locator(selector).selectOption(value)
  },
  board: async request => {
    const { page, errors } = tab(request)
    const shown = await page.evaluate(() => {
      const notice = document.getElementById('notice')
      const outline = document.getElementById('outline')
      const pixels = value => Number.parseFloat(value)
      return {
        status: document.getElementById('status').dataset.status,
        notice: notice.hidden ? null : notice.textContent,
        people: [...document.querySelectorAll('#people li')].map(item => item.firstChild.textContent),
        elements: [...document.querySelectorAll('#board .element')].map(node => ({
          id: node.dataset.id,
          type: ['card', 'note', 'group'].find(type => node.classList.contains(type)),
          x: pixels(node.style.left),
          y: pixels(node.style.top),
          width: pixels(node.style.width),
          height: pixels(node.style.height),
          text: node.querySelector('textarea').value,
          selected: node.classList.contains('selected'),
          selectedBy: node.dataset.selectedBy ?? null
        })),
        arrows: [...document.querySelectorAll('#arrows line')].map(line => ({ id: line.dataset.id })),
        connecting: document.getElementById('board').classList.contains('connecting'),
        outline: outline.value === '' ? null : outline.value
      }
    })
    return { ...shown, errors }
  },
  drag: async ({ page, selector, dx, dy }) => {
    const { page: tabPage } = tab({ page })
    const target = tabPage.locator(selector)
    await target.scrollIntoViewIfNeeded()
    const box = await target.boundingBox()
    if (box === null) {
      throw new Error(`${selector} is not shown`)
    }
    // The strip above an element's text, where the element itself (not its textarea) takes the pointer.
    const [x, y] = [box.x + box.width / 2, box.y + 6]
    await tabPage.mouse.move(x, y)
    await tabPage.mouse.down()
    await tabPage.mouse.move(x + dx, y + dy, { steps: 5 })
    await tabPage.mouse.up()
  },
  screenshot: async request => {
    await tab(request).page.screenshot({ path: request.path })
  },
  close: async request => {
    await tab(request).context.close()
    pages.delete(request.page)
  }
}, async () => {
  if (browser !== null) {
    await (await browser).close()
  }
})
