// Who is here: each tab publishes `user: {name, color}` in its awareness state (the field y-websocket's other
// bindings, e.g. y-codemirror, read too) and lists everyone whose state the server relays.

const NAMES = ['Ada', 'Alan', 'Barbara', 'Edsger', 'Frances', 'Grace', 'Ken', 'Margaret', 'Niklaus', 'Radia']
const COLORS = ['#d1495b', '#00798c', '#edae49', '#66a182', '#8d5a97', '#2e4057', '#e36414', '#3d5a80']

const pick = choices => choices[Math.floor(Math.random() * choices.length)]

/**
 * The user's name and colour, kept in the tab's sessionStorage: a reload keeps them, and each tab is someone of
 * its own (a newcomer's two tabs show as two people); a name and colour at random the first time.
 *
 * @param {Storage} storage
 * @return {{name: string, color: string}}
 */
export const rememberedUser = storage => {
  let name = storage.getItem('weft.user.name')
  let color = storage.getItem('weft.user.color')
  if (!name) {
    name = pick(NAMES)
    storage.setItem('weft.user.name', name)
  }
  if (!color) {
    color = pick(COLORS)
    storage.setItem('weft.user.color', color)
  }
  return { name, color }
}

/**
 * Publishes the user in the awareness state, lets them rename themselves, and keeps the list of people current.
 *
 * @param {import('y-protocols/awareness').Awareness} awareness
 * @param {{nameInput: HTMLInputElement, list: HTMLElement, storage: Storage}} elements
 */
export const showPresence = (awareness, { nameInput, list, storage }) => {
  const user = rememberedUser(storage)
  awareness.setLocalStateField('user', user)
  nameInput.value = user.name
  nameInput.addEventListener('change', () => {
    const name = nameInput.value.trim()
    if (name) {
      storage.setItem('weft.user.name', name)
      awareness.setLocalStateField('user', { ...user, name })
    }
  })

  const render = () => {
    const people = [...awareness.getStates()]
      .filter(([, state]) => state.user)
      .sort(([a], [b]) => (a === awareness.clientID ? -1 : b === awareness.clientID ? 1 : a - b))
    list.replaceChildren(...people.map(([clientId, { user }]) => {
      const item = document.createElement('li')
      item.dataset.clientId = String(clientId)
      item.style.setProperty('--user-color', String(user.color))
      item.textContent = String(user.name)
      if (clientId === awareness.clientID) {
        item.classList.add('self')
        item.append(' (you)')
      }
      return item
    }))
  }
  awareness.on('change', render)
  render()
}
