import { http } from 'msw'
import { db } from '../db'
import { api, json, requireSession, route } from './http'

export const subscriptionHandlers = [
  http.get(
    api('/subscription'),
    route(() => json(db.getSubscription(requireSession().accountId))),
  ),
]
