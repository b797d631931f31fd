import { http } from 'msw'
import { db } from '../db'
import { api, json, requireSession, route } from './http'

/** The vendor's copy of the catalog: an own endpoint, up even when the provider is not. */
export const catalogHandlers = [
  http.get(
    api('/catalog'),
    route(() => {
      requireSession()
      return json(db.getCatalog())
    }),
  ),
]
