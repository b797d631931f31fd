import { createElement, use, type ComponentType } from 'react'

export type LazyPage = {
  /** Renders the page, suspending only while its code is still on its way. */
  Page: ComponentType
  /** Starts fetching the page's code (once); resolves when it is here. */
  preload: () => Promise<unknown>
  /** True once the code is here: the page renders without suspending. */
  isLoaded: () => boolean
}

/**
 * A page whose code is its own chunk. Unlike React.lazy, a page whose code has arrived renders at
 * once, without suspending for a tick: the router fetches a page's code before it shows the page
 * (router.tsx), so pages never suspend in practice; `use` is the safety net.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loaded: ComponentType | undefined
  let pending: Promise<ComponentType> | undefined
  const preload = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined // a failed fetch (offline, a new deploy) may be tried again on the next visit
        throw error
      },
    ))
  function Page() {
    return createElement(loaded ?? use(preload()))
  }
  return { Page, preload, isLoaded: () => loaded !== undefined }
}
