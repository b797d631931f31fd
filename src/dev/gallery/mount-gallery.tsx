import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { GalleryPage } from './gallery-page'
import { holdMockWorker } from './hold-mock-worker'
import { provideSeedShelf } from './seed-shelf'

/** The gallery takes the app's place in #root: the app's router never knows the gallery exists. */
export async function mountGallery(): Promise<void> {
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  document.title = 'Gallery: every page in every state'
  document.documentElement.lang = 'en'
  // Before any frame boots: the first frame of an account builds its seed and leaves it here for the rest.
  provideSeedShelf(window)
  await holdMockWorker()
  createRoot(root).render(
    <StrictMode>
      <GalleryPage />
    </StrictMode>,
  )
}
