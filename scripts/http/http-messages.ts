/**
 * Bodies in and out of the simulators' own Node servers (the Zuora simulator over HTTP:
 * scripts/zuora-sim.ts), kept apart from the routing: a request body read within its size limit,
 * as JSON or as a fetch Request for the simulator, and its Response or a JSON body written back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { ControlError, badRequest } from './request-guards'

/** Far more than any API or control body; a larger one is refused before it fills the memory. */
const maxBodyBytes = 1024 * 1024

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > maxBodyBytes) throw new ControlError(413, 'The body is too large.', 'payload_too_large')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxBodyBytes) throw new ControlError(413, 'The body is too large.', 'payload_too_large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** A control body: a JSON object, `{}` when empty. */
export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(request)).toString('utf8')
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ControlError(400, 'The body is not JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ControlError(400, 'The body must be a JSON object')
  return body as Record<string, unknown>
}

export async function toFetchRequest(request: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers()
  try {
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
    }
  } catch {
    throw badRequest('A request header is not valid.')
  }
  const method = request.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request)
  return new Request(url, { method, headers, body: body && body.length > 0 ? new Uint8Array(body) : undefined })
}

/**
 * JSON and text larger than a packet are gzipped when the browser accepts it, as a real API gateway
 * does, except an answer with a strong ETag (the billing status): compressed, it would be another
 * representation under the same strong validator, so it goes out as the handler made it. The
 * handler's caching headers pass through; `no-store` only where it set none. A 304 or 204 carries
 * no body and no Content-Length.
 */
export async function sendFetchResponse(
  answer: Response,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let body: Buffer = Buffer.from(await answer.arrayBuffer())
  if (response.destroyed) return
  const headers: Record<string, string> = {}
  answer.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'content-encoding') headers[name] = value
  })
  const type = headers['content-type'] ?? ''
  const strongEtag = headers.etag !== undefined && !headers.etag.startsWith('W/')
  if (
    !strongEtag &&
    body.length > 1024 &&
    /json|text/.test(type) &&
    /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
  ) {
    body = gzipSync(body)
    headers['content-encoding'] = 'gzip'
    headers.vary = 'Accept-Encoding'
  }
  headers['cache-control'] ??= 'no-store'
  if (answer.status === 304 || answer.status === 204) {
    response.writeHead(answer.status, headers)
    response.end()
    return
  }
  headers['content-length'] = String(body.length)
  response.writeHead(answer.status, headers)
  response.end(body)
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  response.end(text)
}
