import { http } from 'msw'
import { db } from '../db'
import { api, json, requireSession, route } from './http'

export const accountHandlers = [
  http.get(
    api('/account'),
    route(() => json(db.getAccount(requireSession().accountId))),
  ),
]
