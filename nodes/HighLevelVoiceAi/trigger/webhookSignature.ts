import { createPublicKey, verify } from 'crypto';
import type { KeyObject } from 'crypto';

/**
 * HighLevel's published Ed25519 key for `X-GHL-Signature`, verbatim from its Webhook Integration
 * Guide (raw key 8b61d1d6…708388e8). HighLevel announces rotations by email, with no discovery
 * endpoint, so the node lets the user override it.
 */
export const HIGHLEVEL_WEBHOOK_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=
-----END PUBLIC KEY-----
`;

/** Header names as Node's `IncomingMessage.headers` spells them (lower case). */
export const SIGNATURE_HEADER = 'x-ghl-signature';

/** HighLevel's official sample treats this header value as "no signature". */
const NO_SIGNATURE_PLACEHOLDER = 'n/a';

const ED25519_SIGNATURE_BYTES = 64;
const ED25519_RAW_KEY_BYTES = 32;

/** The fixed SPKI DER header of every Ed25519 public key (RFC 8410): 12 bytes, then the raw key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Longer than any base64 signature or key a user could mean; keeps hostile input cheap to refuse. */
const MAX_SIGNATURE_HEADER_CHARS = 512;
const MAX_KEY_TEXT_CHARS = 16_384;
const MAX_SIGNATURE_HEADER_VALUES = 8;

const KEY_FORMS_HINT =
	'Paste the PEM block (-----BEGIN PUBLIC KEY-----…), the raw 32-byte key as 64 hex digits or ' +
	'base64, or the SPKI DER key in base64';

export type WebhookKeyParse = { ok: true; key: KeyObject } | { ok: false; error: string };

export type SignatureFailureReason =
	/** No `x-ghl-signature` header, an empty one, or HighLevel's placeholder `N/A`. */
	| 'missing'
	/** Not base64, not 64 bytes once decoded, or several different values. */
	| 'malformed'
	/** Well-formed, but not a signature of these bytes by this key (changed body, other key). */
	| 'bad-signature'
	/** The raw request bytes were not available, so nothing could be checked. */
	| 'no-raw-body'
	/** The key given is not an Ed25519 public key. */
	| 'unusable-key'
	/** Node's crypto failed unexpectedly. */
	| 'error';

/**
 * `message` is plain words for a log line. It never contains the body and quotes nothing from the
 * request except lengths.
 */
export type SignatureCheck =
	| { valid: true; reason: 'verified'; message: string }
	| { valid: false; reason: SignatureFailureReason; message: string };

/**
 * Decodes base64 only if the text is base64 throughout: `Buffer.from(text, 'base64')` silently
 * skips foreign characters, so "sig!!" and "sig" would decode alike. Keys, typed by people, may be
 * URL-safe and unpadded. A signature (`strict`) must be what HighLevel sends: standard alphabet,
 * padded, and the one encoding of its bytes (no stray bits in the last character), so each
 * signature has exactly one accepted header value.
 */
function decodeBase64Strictly(text: string, strict: boolean): Buffer | undefined {
	const alphabet = strict ? /^[A-Za-z0-9+/]+={0,2}$/ : /^[A-Za-z0-9+/_-]+={0,2}$/;
	if (text.length === 0 || !alphabet.test(text)) return undefined;
	const unpadded = text.replace(/=+$/, '');
	if (unpadded.length % 4 === 1) return undefined;
	const padded = unpadded.length !== text.length;
	// Padding, when present (always, when strict), must make whole 4-character groups.
	if ((padded || strict) && text.length % 4 !== 0) return undefined;
	const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/');
	const bytes = Buffer.from(standard, 'base64');
	if (strict && bytes.toString('base64') !== text) return undefined;
	return bytes;
}

function keyFromDer(der: Buffer): KeyObject {
	return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

function requireEd25519(key: KeyObject): WebhookKeyParse {
	if (key.type !== 'public') {
		return { ok: false, error: 'The webhook key must be a public key. ' + KEY_FORMS_HINT + '.' };
	}
	if (key.asymmetricKeyType === 'ed25519') return { ok: true, key };
	const kind = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
	const legacy =
		key.asymmetricKeyType === 'rsa'
			? " (HighLevel's RSA key is for the legacy X-WH-Signature header, which it no longer sends)"
			: '';
	return {
		ok: false,
		error: `The webhook key is an ${kind} key${legacy}; X-GHL-Signature needs HighLevel's Ed25519 public key.`,
	};
}

function keyFromPem(text: string): WebhookKeyParse {
	const block = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
	if (!block) {
		return {
			ok: false,
			error:
				'The webhook key looks like PEM but has no matching BEGIN/END lines. ' +
				KEY_FORMS_HINT +
				'.',
		};
	}
	const label = block[1];
	if (label.includes('PRIVATE')) {
		return {
			ok: false,
			error:
				'The webhook key is a private key. Paste the public key only; never share the private key.',
		};
	}
	// Keys pasted into a one-line field arrive with spaces or literal "\n" between the lines.
	const base64 = block[2].replace(/\\[nr]/g, '').replace(/\s+/g, '');
	const der = decodeBase64Strictly(base64, false);
	if (!der) {
		return {
			ok: false,
			error: 'The webhook key PEM block is not valid base64. ' + KEY_FORMS_HINT + '.',
		};
	}
	if (label === 'PUBLIC KEY') return requireEd25519(keyFromDer(der));
	if (label === 'CERTIFICATE') {
		const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
		return requireEd25519(createPublicKey(pem));
	}
	return { ok: false, error: `The webhook key is a "${label}" PEM block. ` + KEY_FORMS_HINT + '.' };
}

function keyFromRawBytes(raw: Buffer): WebhookKeyParse {
	return requireEd25519(keyFromDer(Buffer.concat([ED25519_SPKI_PREFIX, raw])));
}

/**
 * Reads a user-supplied Ed25519 public key in any form HighLevel's SDK 3.1.0 accepts: PEM (also
 * pasted on one line, or with literal "\n"), the raw 32-byte key as 64 hex digits or as base64,
 * or SPKI DER in base64. Never throws: an unusable key gives `{ ok: false, error }`, a sentence
 * for a parameter error that never repeats the text given (it might be a private key).
 */
export function parseWebhookPublicKey(text: unknown): WebhookKeyParse {
	if (typeof text !== 'string' || text.trim() === '') {
		return { ok: false, error: 'The webhook key is empty. ' + KEY_FORMS_HINT + '.' };
	}
	if (text.length > MAX_KEY_TEXT_CHARS) {
		return { ok: false, error: 'The webhook key is far too long for an Ed25519 public key.' };
	}
	const trimmed = text.trim();
	try {
		if (trimmed.includes('-----BEGIN')) return keyFromPem(trimmed);
		const compact = trimmed.replace(/\s+/g, '');
		if (/^(0x)?[0-9a-fA-F]{64}$/.test(compact)) {
			return keyFromRawBytes(Buffer.from(compact.replace(/^0x/, ''), 'hex'));
		}
		const bytes = decodeBase64Strictly(compact, false);
		if (!bytes) {
			return {
				ok: false,
				error: 'The webhook key is neither PEM, hex nor base64. ' + KEY_FORMS_HINT + '.',
			};
		}
		if (bytes.length === ED25519_RAW_KEY_BYTES) return keyFromRawBytes(bytes);
		return requireEd25519(keyFromDer(bytes));
	} catch {
		return {
			ok: false,
			error: 'The webhook key could not be read as a public key. ' + KEY_FORMS_HINT + '.',
		};
	}
}

let defaultKey: KeyObject | undefined;
/** Parsed override keys by their text; a node re-reads its parameter on every delivery. */
const overrideKeys = new Map<string, WebhookKeyParse>();
const MAX_CACHED_OVERRIDE_KEYS = 16;

/** HighLevel's published key, parsed once. */
export function highLevelWebhookPublicKey(): KeyObject {
	if (!defaultKey) {
		const parsed = parseWebhookPublicKey(HIGHLEVEL_WEBHOOK_PUBLIC_KEY_PEM);
		// Cannot happen (a unit test parses the constant); fail loudly rather than verify with nothing.
		if (!parsed.ok) throw new Error(parsed.error);
		defaultKey = parsed.key;
	}
	return defaultKey;
}

/**
 * The key to verify with: HighLevel's published key when `override` is empty or absent, else the
 * override parsed by `parseWebhookPublicKey` (cached, so calling this per delivery costs a map
 * lookup). Never throws.
 */
export function resolveWebhookPublicKey(override?: unknown): WebhookKeyParse {
	if (override === undefined || override === null || override === '') {
		return { ok: true, key: highLevelWebhookPublicKey() };
	}
	if (typeof override !== 'string') return parseWebhookPublicKey(override);
	if (override.trim() === '') return { ok: true, key: highLevelWebhookPublicKey() };
	let parsed = overrideKeys.get(override);
	if (!parsed) {
		parsed = parseWebhookPublicKey(override);
		if (overrideKeys.size >= MAX_CACHED_OVERRIDE_KEYS) overrideKeys.clear();
		overrideKeys.set(override, parsed);
	}
	return parsed;
}

function failure(reason: SignatureFailureReason, message: string): SignatureCheck {
	return { valid: false, reason, message };
}

/**
 * The one signature a header carries. Node joins repeated headers with ", " and other callers
 * pass arrays; identical repeats (a proxy duplicating the header) count once, different values
 * are refused rather than guessed between.
 */
function signatureText(header: unknown): { text: string } | SignatureCheck {
	const parts: string[] = [];
	const values: unknown[] = Array.isArray(header) ? header : [header];
	if (values.length > MAX_SIGNATURE_HEADER_VALUES) {
		return failure('malformed', `The request has ${values.length} X-GHL-Signature headers.`);
	}
	for (const value of values) {
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string') return failure('malformed', 'The signature header is not text.');
		if (value.length > MAX_SIGNATURE_HEADER_CHARS) {
			return failure(
				'malformed',
				`The signature header is ${value.length} characters long; an Ed25519 signature in base64 has 88.`,
			);
		}
		for (const part of value.split(',')) {
			const trimmed = part.trim();
			if (trimmed !== '' && trimmed.toLowerCase() !== NO_SIGNATURE_PLACEHOLDER) parts.push(trimmed);
		}
	}
	const distinct = [...new Set(parts)];
	if (distinct.length === 0) {
		return failure('missing', 'The request has no X-GHL-Signature header (or it says "N/A").');
	}
	if (distinct.length > 1) {
		return failure(
			'malformed',
			`The request has ${distinct.length} different X-GHL-Signature values; HighLevel sends one.`,
		);
	}
	return { text: distinct[0] };
}

function rawBytes(rawBody: unknown): Buffer | undefined {
	if (Buffer.isBuffer(rawBody)) return rawBody;
	if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
	if (rawBody instanceof Uint8Array) {
		return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
	}
	return undefined;
}

/**
 * Checks `x-ghl-signature` (base64 of a 64-byte Ed25519 signature) against the exact request
 * bytes. `rawBody` must be the bytes HighLevel sent (n8n's `req.rawBody`); a string is taken as
 * their UTF-8 text. Re-serialised JSON is not good enough: HighLevel signs its own bytes.
 * `signatureHeader` is the header's value as received: a string, an array, or undefined.
 * `publicKey` defaults to HighLevel's published key; pass `resolveWebhookPublicKey(...).key`.
 *
 * Never throws. Nothing secret is compared here (the signature and key are public, and the
 * Ed25519 check is OpenSSL's), so no constant-time comparison is needed.
 */
export function verifyWebhookSignature(
	rawBody: Buffer | Uint8Array | string | undefined,
	signatureHeader: string | readonly string[] | undefined,
	publicKey: KeyObject = highLevelWebhookPublicKey(),
): SignatureCheck {
	try {
		const header = signatureText(signatureHeader);
		if (!('text' in header)) return header;
		const signature = decodeBase64Strictly(header.text, true);
		if (!signature) {
			return failure('malformed', 'The X-GHL-Signature header is not base64.');
		}
		if (signature.length !== ED25519_SIGNATURE_BYTES) {
			return failure(
				'malformed',
				`The X-GHL-Signature header decodes to ${signature.length} bytes; an Ed25519 signature has ${ED25519_SIGNATURE_BYTES}.`,
			);
		}
		const bytes = rawBytes(rawBody);
		if (!bytes) {
			return failure(
				'no-raw-body',
				'The raw request body is not available, so the signature cannot be checked.',
			);
		}
		if (
			!publicKey ||
			typeof publicKey !== 'object' ||
			publicKey.type !== 'public' ||
			publicKey.asymmetricKeyType !== 'ed25519'
		) {
			return failure('unusable-key', 'The key to verify with is not an Ed25519 public key.');
		}
		if (!verify(null, bytes, publicKey, signature)) {
			return failure(
				'bad-signature',
				'The X-GHL-Signature does not match the body: it was changed, or signed with another key.',
			);
		}
		return { valid: true, reason: 'verified', message: 'The X-GHL-Signature is valid.' };
	} catch {
		return failure(
			'error',
			'The signature could not be checked: the crypto library threw an exception.',
		);
	}
}
