/**
 * Share links carry a scenario, never results: `s=<link version>.<codec><base64url data>`, where
 * the codec is `z` (raw DEFLATE of the JSON text) or `j` (the JSON text itself), whichever is
 * shorter. The scenario inside is a normal scenario document: it is validated, and migrated from
 * older scenario versions, exactly like a file. Older link versions decode through LINK_DECODERS.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate'
import { formatErrors, parseScenarioJson, type ScenarioFile } from '../scenarios'
import { LINK_V1_DICTIONARY } from './dictionary'

export const LINK_VERSION = 1
/** Longest `s=` value read, and the most JSON text it may inflate to: links are small. */
export const MAX_LINK_CHARS = 100_000
export const MAX_JSON_BYTES = 2 ** 20

export type Decoded = { ok: true; file: ScenarioFile } | { ok: false; message: string }

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]))

export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63]
  }
  return out
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    let n = 0
    const chunk = text.slice(i, i + 4)
    for (let k = 0; k < 4; k++) {
      const c = chunk[k]
      const v = c === undefined ? 0 : B64_INDEX.get(c)
      if (v === undefined) return null
      n = (n << 6) | v
    }
    const bytes = chunk.length - 1
    for (let k = 0; k < bytes; k++) out[o++] = (n >> (16 - 8 * k)) & 255
  }
  return out.subarray(0, o)
}

/** The `s=` value for a scenario (already validated). */
export function encodeScenario(file: ScenarioFile): string {
  const json = strToU8(JSON.stringify(file))
  const plain = `j${toBase64Url(json)}`
  const packed = `z${toBase64Url(deflateSync(json, { level: 9, dictionary: LINK_V1_DICTIONARY }))}`
  return `${LINK_VERSION}.${packed.length < plain.length ? packed : plain}`
}

/** Inflates at most MAX_JSON_BYTES; a bomb or a broken stream is an error, not a crash. */
function inflateCapped(data: Uint8Array): Uint8Array | string {
  const parts: Uint8Array[] = []
  let size = 0
  let problem: string | null = null
  const inflater = new Inflate({ dictionary: LINK_V1_DICTIONARY }, (chunk) => {
    size += chunk.length
    if (size > MAX_JSON_BYTES) problem = `the scenario inside is larger than ${MAX_JSON_BYTES} bytes`
    else parts.push(chunk)
  })
  try {
    // Feed small slices so a bomb is stopped soon after it passes the limit.
    for (let i = 0; i < data.length && problem === null; i += 1024) inflater.push(data.subarray(i, i + 1024), i + 1024 >= data.length)
  } catch (e) {
    return `the compressed scenario is damaged (${e instanceof Error ? e.message : String(e)})`
  }
  if (problem !== null) return problem
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function decodeV1(body: string): Decoded {
  const codec = body[0]
  if (codec !== 'z' && codec !== 'j') return { ok: false, message: 'the link data must start with z (compressed) or j (plain)' }
  const bytes = fromBase64Url(body.slice(1))
  if (bytes === null) return { ok: false, message: 'the link data is not base64url text (it may have been cut off or changed)' }
  const json = codec === 'z' ? inflateCapped(bytes) : bytes.length > MAX_JSON_BYTES ? `the scenario inside is larger than ${MAX_JSON_BYTES} bytes` : bytes
  if (typeof json === 'string') return { ok: false, message: json }
  let text: string
  try {
    text = strFromU8(json)
  } catch {
    return { ok: false, message: 'the scenario inside is not UTF-8 text' }
  }
  const parsed = parseScenarioJson(text)
  return parsed.ok ? { ok: true, file: parsed.value } : { ok: false, message: `the scenario in the link is not valid:\n${formatErrors(parsed.errors)}` }
}

/** Decoders by link version; a new version adds an entry, old links keep opening. */
export const LINK_DECODERS: Readonly<Record<number, (body: string) => Decoded>> = { 1: decodeV1 }

export function decodeScenario(value: string): Decoded {
  if (value.length > MAX_LINK_CHARS) return { ok: false, message: `the link is too long (${value.length} characters; at most ${MAX_LINK_CHARS})` }
  const m = /^(\d{1,4})\.(.*)$/s.exec(value)
  if (!m) return { ok: false, message: 'the link data must start with a version number and a dot, like 1.z…' }
  const version = Number(m[1])
  const decode = LINK_DECODERS[version]
  if (!decode) return { ok: false, message: `this link was made by a newer loopscope (link version ${version}; this one reads up to ${LINK_VERSION})` }
  return decode(m[2] as string)
}
