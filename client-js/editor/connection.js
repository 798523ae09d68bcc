// Which document the page edits and where it syncs it, from the page's own address:
//   /?doc=<name>&token=<jwt>  ->  ws(s)://<same host>/<name>?token=<jwt>
// Without `doc`, every tab opens the same document, so that two tabs on a plain `/` edit together.

export const DEFAULT_DOCUMENT = 'welcome'

/**
 * @param {{protocol: string, host: string, search: string}} location the page's (window.location)
 * @return {{serverUrl: string, docName: string, params: Object<string, string>}} y-websocket's arguments
 */
export const connectionFor = location => {
  const query = new URLSearchParams(location.search)
  const token = query.get('token')
  return {
    serverUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`,
    docName: query.get('doc') || DEFAULT_DOCUMENT,
    params: token ? { token } : {}
  }
}

/**
 * The address of this page for another document, keeping the token.
 *
 * @param {{search: string}} location
 * @param {string} docName
 * @return {string} a relative URL (query only)
 */
export const addressOf = (location, docName) => {
  const query = new URLSearchParams(location.search)
  query.set('doc', docName)
  return `?${query}`
}
