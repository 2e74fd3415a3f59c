import { BaseError } from '@dtao/errors'
import type { JsonRpcConnection, JsonRpcMessage } from '@polkadot-api/json-rpc-provider'
import { getWsProvider, type StatusChange, WsEvent } from '@polkadot-api/ws-provider'
import WebSocket from 'ws'

/**
 * A JSON-RPC 2.0 connection to one subtensor node, over polkadot-api's WebSocket provider.
 *
 * Plain data plus two functions; build it with {@link createRpc}.
 */
export type Rpc = {
  /** The node's WebSocket URL. */
  readonly url: string
  /**
   * Sends one request and resolves with its `result`.
   *
   * @throws {@link RpcConnectionError} If the socket fails or drops before the answer arrives.
   * @throws {@link RpcTimeoutError} If no answer arrives within the request timeout.
   * @throws {@link RpcResponseError} If the node answers with a JSON-RPC error.
   * @throws {@link MalformedResponseError} If the node sends something that is not JSON-RPC.
   */
  readonly request: (method: string, params: readonly unknown[]) => Promise<unknown>
  /** Closes the socket; pending requests fail with {@link RpcConnectionError}. */
  readonly close: () => void
}

type Pending = {
  readonly method: string
  readonly resolve: (value: unknown) => void
  readonly reject: (error: Error) => void
  readonly timer: ReturnType<typeof setTimeout>
}

/**
 * Opens a JSON-RPC connection to a subtensor node (`ws://` or `wss://`).
 *
 * The socket is opened lazily by the first request. polkadot-api's provider reconnects on its
 * own; a request in flight when the socket fails is not retried here but fails with
 * {@link RpcConnectionError}, so a caller never waits on a dead node longer than the timeout.
 *
 * @param url - The node's WebSocket endpoint, e.g. `'wss://entrypoint-finney.opentensor.ai:443'`.
 * @param options - `timeout`: per-request timeout in ms (default 30 000). `connectTimeout`: ms to
 *   wait for the socket to open (default 5 000).
 * @returns The connection.
 * @throws {@link InvalidUrlError} If `url` is not a `ws://` or `wss://` URL.
 * @example
 * ```ts
 * import { createRpc } from '@dtao/client'
 *
 * const rpc = createRpc('ws://127.0.0.1:9944')
 * const hash = await rpc.request('chain_getBlockHash', [6852690])
 * // hash: '0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0'
 * rpc.close()
 * ```
 */
export function createRpc(
  url: string,
  options: { readonly timeout?: number; readonly connectTimeout?: number } = {},
): Rpc {
  if (!/^wss?:\/\/[^\s]+$/.test(url)) throw new InvalidUrlError({ url })
  const timeout = options.timeout ?? 30_000
  const pending = new Map<number, Pending>()
  let nextId = 1
  let closed = false

  const failAll = (make: (p: Pending) => Error): void => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer)
      pending.delete(id)
      p.reject(make(p))
    }
  }

  // polkadot-api parses each frame with a bare JSON.parse inside the socket listener; a frame
  // that is not JSON would throw out of the listener. This socket checks first and fails the
  // requests in flight with a typed error instead.
  type Listener = (event: WebSocket.MessageEvent) => void
  type Patchable = {
    addEventListener: (type: string, listener: Listener, options?: unknown) => void
    removeEventListener: (type: string, listener: Listener) => void
  }
  // A function declaration, not an arrow: polkadot-api calls it with `new`.
  function guardedSocket(url: string): WebSocket {
    const socket = new WebSocket(url)
    const target = socket as unknown as Patchable
    const add = target.addEventListener.bind(socket)
    const remove = target.removeEventListener.bind(socket)
    const guards = new WeakMap<Listener, Listener>()
    target.addEventListener = (type, listener, opts) => {
      if (type !== 'message') return add(type, listener, opts)
      const guarded: Listener = (event) => {
        if (typeof event.data === 'string') {
          try {
            JSON.parse(event.data)
          } catch (cause) {
            failAll(
              (p) => new MalformedResponseError({ method: p.method, reason: 'not JSON', cause }),
            )
            return
          }
        }
        listener(event)
      }
      guards.set(listener, guarded)
      return add(type, guarded, opts)
    }
    target.removeEventListener = (type, listener) => remove(type, guards.get(listener) ?? listener)
    return socket
  }

  const onStatusChanged = (status: StatusChange): void => {
    if (status.type !== WsEvent.ERROR) return
    const event = status.event as { message?: string; type?: string } | undefined
    const reason =
      event?.type === 'timeout'
        ? 'the socket timed out (not opened, or silent past the heartbeat timeout)'
        : (event?.message ?? 'the socket failed or was closed')
    failAll((p) => new RpcConnectionError({ url, method: p.method, reason, cause: status.event }))
  }

  const provider = getWsProvider(url, {
    websocketClass: guardedSocket as unknown as typeof globalThis.WebSocket,
    timeout: options.connectTimeout ?? 5_000,
    onStatusChanged,
  })

  let connection: JsonRpcConnection | undefined
  const onMessage = (message: JsonRpcMessage): void => {
    if (typeof message !== 'object' || message === null || !('id' in message)) return
    const id = message.id
    if (typeof id !== 'number') return
    const p = pending.get(id)
    if (p === undefined) return
    pending.delete(id)
    clearTimeout(p.timer)
    if ('error' in message && message.error !== undefined) {
      const error = message.error as { code?: unknown; message?: unknown; data?: unknown }
      p.reject(
        new RpcResponseError({
          method: p.method,
          code: typeof error.code === 'number' ? error.code : 0,
          message: typeof error.message === 'string' ? error.message : JSON.stringify(error),
          data: error.data,
        }),
      )
    } else if ('result' in message) p.resolve(message.result)
    else
      p.reject(new MalformedResponseError({ method: p.method, reason: 'neither result nor error' }))
  }

  const request = (method: string, params: readonly unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new RpcConnectionError({ url, method, reason: 'the connection was closed' }))
        return
      }
      connection ??= provider(onMessage)
      const id = nextId++
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new RpcTimeoutError({ url, method, timeout }))
      }, timeout)
      pending.set(id, { method, resolve, reject, timer })
      connection.send({ jsonrpc: '2.0', id, method, params: [...params] })
    })

  const close = (): void => {
    closed = true
    failAll(
      (p) => new RpcConnectionError({ url, method: p.method, reason: 'the connection was closed' }),
    )
    connection?.disconnect()
    connection = undefined
  }

  return { url, request, close }
}

/** The URL given to {@link createRpc} is not a WebSocket URL.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.InvalidUrlError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class InvalidUrlError extends BaseError {
  override readonly name = 'Client.InvalidUrlError'
  /** The rejected URL. */
  readonly url: string

  constructor({ url }: { url: string }) {
    super(`Invalid node URL ${JSON.stringify(url)}: expected ws://host:port or wss://host:port.`)
    this.url = url
  }
}

/** The socket to the node could not be opened, failed, or dropped while a request was in flight.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.RpcConnectionError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class RpcConnectionError extends BaseError {
  override readonly name = 'Client.RpcConnectionError'
  /** The node's URL. */
  readonly url: string
  /** The JSON-RPC method that was in flight. */
  readonly method: string

  constructor({
    url,
    method,
    reason,
    cause,
  }: {
    url: string
    method: string
    reason: string
    cause?: unknown
  }) {
    super(`Connection to ${url} failed during ${method}: ${reason}.`, {
      metaMessages: ['Check that the node is running and reachable, then retry.'],
      cause,
    })
    this.url = url
    this.method = method
  }
}

/** The node did not answer a request within the timeout.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.RpcTimeoutError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class RpcTimeoutError extends BaseError {
  override readonly name = 'Client.RpcTimeoutError'
  /** The node's URL. */
  readonly url: string
  /** The JSON-RPC method that timed out. */
  readonly method: string
  /** The timeout, in ms. */
  readonly timeout: number

  constructor({ url, method, timeout }: { url: string; method: string; timeout: number }) {
    super(`${method} to ${url} got no answer within ${timeout} ms.`, {
      metaMessages: ['Raise the timeout option, or use a less loaded node.'],
    })
    this.url = url
    this.method = method
    this.timeout = timeout
  }
}

/** The node answered a request with a JSON-RPC error object.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.RpcResponseError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class RpcResponseError extends BaseError {
  override readonly name = 'Client.RpcResponseError'
  /** The JSON-RPC method. */
  readonly method: string
  /** The JSON-RPC error code. */
  readonly code: number
  /** The error's `data` member, if any. */
  readonly data: unknown

  constructor({
    method,
    code,
    message,
    data,
  }: {
    method: string
    code: number
    message: string
    data?: unknown
  }) {
    super(`${method} failed on the node: ${message} (code ${code}).`, {
      ...(data === undefined ? {} : { details: JSON.stringify(data) }),
    })
    this.method = method
    this.code = code
    this.data = data
  }
}

/** The node sent something that is not a well-formed answer (bad JSON, SCALE or shape).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.MalformedResponseError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class MalformedResponseError extends BaseError {
  override readonly name = 'Client.MalformedResponseError'
  /** The method or call whose answer was malformed. */
  readonly method: string
  /** What was wrong with it. */
  readonly reason: string

  constructor({ method, reason, cause }: { method: string; reason: string; cause?: unknown }) {
    super(`The node's answer to ${method} is malformed: ${reason}.`, {
      metaMessages: ['The node may run an unexpected runtime, or the connection is corrupted.'],
      cause,
    })
    this.method = method
    this.reason = reason
  }
}
