// The two lines every page has for the state of its connection: the status in the header (a coloured dot and a
// word, by `data-status`) and the notice under it, for what the user must know (the server closed the connection,
// refused an edit, ...).

/**
 * @param {{status: HTMLElement, notice: HTMLElement}} elements
 * @return {{showStatus: (state: string, text: string) => void, showNotice: (text: string) => void}}
 */
export const pageStatus = ({ status, notice }) => ({
  showStatus: (state, text) => {
    status.dataset.status = state
    status.textContent = text
  },
  showNotice: text => {
    notice.textContent = text
    notice.hidden = false
  }
})

/**
 * Shows an editing page's connection as it goes: connecting, syncing, in sync, offline (the provider reconnects and
 * keeps the user's edits), or closed by the server, with the reason in the notice.
 *
 * @param {import('y-websocket').WebsocketProvider} provider
 * @param {ReturnType<typeof pageStatus>} page
 * @return {ReturnType<typeof pageStatus>} `page`, for what else the page shows
 */
export const showConnection = (provider, page) => {
  const { showStatus, showNotice } = page
  provider.on('status', ({ status }) => {
    if (status === 'connecting') {
      showStatus('connecting', 'connecting…')
    } else if (status === 'connected') {
      showStatus('syncing', 'syncing…')
    } else {
      showStatus('disconnected', 'offline, reconnecting… (your edits are kept)')
    }
  })
  provider.on('sync', synced => {
    if (synced) {
      showStatus('synced', 'in sync')
    }
  })
  provider.on('closed', ({ code, reason }) => {
    showStatus('closed', `closed by the server (${code})`)
    showNotice(`The server closed the connection${reason ? `: ${reason}` : ''}. Reload the page to try again.`)
  })
  return page
}
