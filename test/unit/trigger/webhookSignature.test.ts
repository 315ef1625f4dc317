import { createPublicKey, generateKeyPairSync, sign } from 'crypto';
import type { KeyObject } from 'crypto';

import {
	HIGHLEVEL_WEBHOOK_PUBLIC_KEY_PEM,
	highLevelWebhookPublicKey,
	parseWebhookPublicKey,
	resolveWebhookPublicKey,
	verifyWebhookSignature,
} from '../../../nodes/HighLevelVoiceAi/trigger/webhookSignature';
import type { SignatureCheck } from '../../../nodes/HighLevelVoiceAi/trigger/webhookSignature';

/** HighLevel's legacy RSA key (X-WH-Signature), verbatim from the Webhook Integration Guide. */
const LEGACY_RSA_PEM = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
-----END PUBLIC KEY-----
`;

/** A marker that must never reach a log message. */
const BODY_MARKER = 'transcript-marker-7f3a';

const body = JSON.stringify({
	type: 'VoiceAiCallEnd',
	locationId: 'loc_1',
	id: 'CALL_abcdef123456',
	transcript: `bot:Hello ${BODY_MARKER} — ¿qué tal? 👋\nhuman:Fine`,
	timestamp: '2026-12-01T10:00:00.000Z',
	webhookId: '881b9415-5d35-4ff1-a667-0545b80b96c0',
});

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

function signatureOf(bytes: Buffer | string, key: KeyObject = privateKey): string {
	return sign(null, Buffer.from(bytes), key).toString('base64');
}

const goodSignature = signatureOf(body);

function expectFailure(check: SignatureCheck, reason: SignatureCheck['reason']) {
	expect(check).toEqual({ valid: false, reason, message: expect.any(String) });
	expect(check.message).not.toContain(BODY_MARKER);
}

function rawKeyBytes(key: KeyObject): Buffer {
	return key.export({ format: 'der', type: 'spki' }).subarray(12);
}

describe("HighLevel's published key", () => {
	it('parses as the Ed25519 key the Webhook Integration Guide gives', () => {
		const key = highLevelWebhookPublicKey();
		expect(key.asymmetricKeyType).toBe('ed25519');
		expect(rawKeyBytes(key).toString('hex')).toBe(
			'8b61d1d6cacbe28d7c3bc0516bb815258ec6edbba96cddc7f40c09ac708388e8',
		);
		expect(createPublicKey(HIGHLEVEL_WEBHOOK_PUBLIC_KEY_PEM).asymmetricKeyType).toBe('ed25519');
	});

	it('is what verification uses when no key is passed, so a test key pair does not verify', () => {
		expectFailure(verifyWebhookSignature(body, goodSignature), 'bad-signature');
	});
});

describe('verifying X-GHL-Signature', () => {
	it('accepts the signature of the exact bytes', () => {
		expect(verifyWebhookSignature(Buffer.from(body), goodSignature, publicKey)).toEqual({
			valid: true,
			reason: 'verified',
			message: expect.any(String),
		});
	});

	it('reads a string body as its UTF-8 bytes, the same as the Buffer (non-ASCII text included)', () => {
		expect(verifyWebhookSignature(body, goodSignature, publicKey).valid).toBe(true);
		const bytes = new Uint8Array(Buffer.from(body));
		expect(verifyWebhookSignature(bytes, goodSignature, publicKey).valid).toBe(true);
	});

	it('refuses a body changed after signing, even by re-serialising the same JSON', () => {
		expectFailure(
			verifyWebhookSignature(body.replace('loc_1', 'loc_2'), goodSignature, publicKey),
			'bad-signature',
		);
		const reserialised = JSON.stringify(JSON.parse(body), null, 1);
		expectFailure(verifyWebhookSignature(reserialised, goodSignature, publicKey), 'bad-signature');
		expectFailure(verifyWebhookSignature(body + '\n', goodSignature, publicKey), 'bad-signature');
	});

	it('refuses a signature made with another key', () => {
		expectFailure(
			verifyWebhookSignature(body, signatureOf(body, other.privateKey), publicKey),
			'bad-signature',
		);
	});

	it('refuses a well-formed signature of other bytes', () => {
		expectFailure(verifyWebhookSignature(body, signatureOf('{}'), publicKey), 'bad-signature');
		expectFailure(
			verifyWebhookSignature(body, Buffer.alloc(64).toString('base64'), publicKey),
			'bad-signature',
		);
	});

	it.each([
		['no header', undefined],
		['an empty header', ''],
		['blank text', '   '],
		['"N/A"', 'N/A'],
		['"n/a" with spaces', ' n/a '],
		['an empty list', []],
		['a list of "N/A"', ['N/A']],
	])('treats %s as no signature', (_label, header) => {
		expectFailure(verifyWebhookSignature(body, header, publicKey), 'missing');
	});

	it('ignores whitespace around the value', () => {
		expect(verifyWebhookSignature(body, `  ${goodSignature}\t`, publicKey).valid).toBe(true);
	});

	it('takes a header list with one value, or the same value repeated (also joined by Node)', () => {
		expect(verifyWebhookSignature(body, [goodSignature], publicKey).valid).toBe(true);
		expect(verifyWebhookSignature(body, [goodSignature, goodSignature], publicKey).valid).toBe(
			true,
		);
		expect(
			verifyWebhookSignature(body, `${goodSignature}, ${goodSignature}`, publicKey).valid,
		).toBe(true);
		expect(verifyWebhookSignature(body, ['N/A', goodSignature], publicKey).valid).toBe(true);
	});

	it('refuses an implausible number of header values', () => {
		const many = Array.from({ length: 9 }, () => goodSignature);
		expectFailure(verifyWebhookSignature(body, many, publicKey), 'malformed');
	});

	it('refuses several different values rather than pick one', () => {
		const otherSignature = signatureOf(body, other.privateKey);
		expectFailure(
			verifyWebhookSignature(body, [otherSignature, goodSignature], publicKey),
			'malformed',
		);
		expectFailure(
			verifyWebhookSignature(body, `${goodSignature},${otherSignature}`, publicKey),
			'malformed',
		);
	});

	it('refuses a truncated signature: too few bytes, or text cut mid-group', () => {
		const bytes = Buffer.from(goodSignature, 'base64');
		const check = verifyWebhookSignature(body, bytes.subarray(0, 63).toString('base64'), publicKey);
		expectFailure(check, 'malformed');
		expect(check.message).toMatch(/63 bytes/);
		expectFailure(verifyWebhookSignature(body, goodSignature.slice(0, 80), publicKey), 'malformed');
		expectFailure(verifyWebhookSignature(body, goodSignature.slice(0, 87), publicKey), 'malformed');
	});

	it('refuses a signature that is too long', () => {
		const longer = Buffer.concat([Buffer.from(goodSignature, 'base64'), Buffer.from([0])]);
		expectFailure(verifyWebhookSignature(body, longer.toString('base64'), publicKey), 'malformed');
		expectFailure(verifyWebhookSignature(body, 'A'.repeat(10_000), publicKey), 'malformed');
	});

	it.each([
		['foreign characters', goodSignature.slice(0, 40) + '!!' + goodSignature.slice(42)],
		['a space inside', goodSignature.slice(0, 40) + ' ' + goodSignature.slice(41)],
		['hex instead of base64', Buffer.from(goodSignature, 'base64').toString('hex')],
		['URL-safe alphabet', goodSignature.replace(/\+/g, '-').replace(/\//g, '_') + 'A'],
		['no padding', goodSignature.replace(/=+$/, '')],
		['a "sha256=" prefix', `sha256=${goodSignature}`],
	])('refuses a signature with %s as malformed', (_label, header) => {
		expectFailure(verifyWebhookSignature(body, header, publicKey), 'malformed');
	});

	it('refuses a base64 text whose last character carries stray bits (a second spelling)', () => {
		// 64 bytes end in "==": the last data character holds 2 unused bits.
		const last = goodSignature[85];
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
		const twin = alphabet[alphabet.indexOf(last) ^ 1];
		const spelling = goodSignature.slice(0, 85) + twin + '==';
		expect(Buffer.from(spelling, 'base64')).toEqual(Buffer.from(goodSignature, 'base64'));
		expectFailure(verifyWebhookSignature(body, spelling, publicKey), 'malformed');
	});

	it('says so when the raw body is not available', () => {
		expectFailure(verifyWebhookSignature(undefined, goodSignature, publicKey), 'no-raw-body');
	});

	it('verifies an empty body that was signed as empty', () => {
		expect(verifyWebhookSignature('', signatureOf(''), publicKey).valid).toBe(true);
		expect(verifyWebhookSignature(Buffer.alloc(0), signatureOf(''), publicKey).valid).toBe(true);
	});

	it('refuses a key that is not an Ed25519 public key, without throwing', () => {
		expectFailure(
			verifyWebhookSignature(body, goodSignature, createPublicKey(LEGACY_RSA_PEM)),
			'unusable-key',
		);
		expectFailure(verifyWebhookSignature(body, goodSignature, privateKey), 'unusable-key');
		expectFailure(
			verifyWebhookSignature(body, goodSignature, 'not a key' as unknown as KeyObject),
			'unusable-key',
		);
	});

	it('never throws on inputs of the wrong type', () => {
		const odd: unknown[] = [null, 42, {}, [42], [null], { length: 3 }, Symbol('x')];
		for (const header of odd) {
			const check = verifyWebhookSignature(body, header as string, publicKey);
			expect(check.valid).toBe(false);
		}
		for (const raw of odd) {
			const check = verifyWebhookSignature(raw as string, goodSignature, publicKey);
			expect(check).toEqual(expect.objectContaining({ valid: false, reason: 'no-raw-body' }));
		}
	});
});

describe('reading an override key', () => {
	const spkiDer = publicKey.export({ format: 'der', type: 'spki' });
	const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
	const raw = rawKeyBytes(publicKey);

	it.each([
		['PEM', pem],
		['PEM with CRLF line ends', pem.replace(/\n/g, '\r\n')],
		['PEM pasted on one line', pem.replace(/\n/g, ' ')],
		['PEM with literal "\\n"', pem.trim().replace(/\n/g, '\\n')],
		['PEM with its base64 re-wrapped', pem.replace(/\n(?!-)/g, '\n  ')],
		['raw key in hex', raw.toString('hex')],
		['raw key in upper-case hex with 0x', '0x' + raw.toString('hex').toUpperCase()],
		['raw key in base64', raw.toString('base64')],
		['raw key in unpadded URL-safe base64', raw.toString('base64url')],
		['SPKI DER in base64', spkiDer.toString('base64')],
		['SPKI DER in base64 with surrounding blanks', `\n ${spkiDer.toString('base64')} \n`],
	])('accepts %s and verifies with it', (_label, text) => {
		const parsed = parseWebhookPublicKey(text);
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.key.asymmetricKeyType).toBe('ed25519');
		expect(rawKeyBytes(parsed.key)).toEqual(raw);
		expect(verifyWebhookSignature(body, goodSignature, parsed.key).valid).toBe(true);
	});

	it("reads HighLevel's raw key hex from the guide as the published key", () => {
		const parsed = parseWebhookPublicKey(
			'8b61d1d6cacbe28d7c3bc0516bb815258ec6edbba96cddc7f40c09ac708388e8',
		);
		expect(parsed.ok && parsed.key.equals(highLevelWebhookPublicKey())).toBe(true);
	});

	const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
	const x25519 = generateKeyPairSync('x25519').publicKey;

	it.each([
		['empty text', '', /empty/],
		['blanks', '  \n ', /empty/],
		['a non-string', 42, /empty/],
		['words', 'my webhook key!', /neither PEM, hex nor base64/],
		['base64 of no key', 'mywebhookkey', /could not be read/],
		['31 bytes of hex', raw.subarray(0, 31).toString('hex'), /could not be read/],
		['33 bytes in base64', Buffer.concat([raw, Buffer.from([1])]).toString('base64'), /could not/],
		["HighLevel's legacy RSA key", LEGACY_RSA_PEM, /RSA.*legacy X-WH-Signature.*Ed25519/],
		['a private key', privatePem, /private key/],
		['an X25519 key', x25519.export({ format: 'pem', type: 'spki' }).toString(), /X25519/],
		['a PEM block without its end line', pem.split('-----END')[0], /BEGIN\/END/],
		['a PEM block of another kind', pem.replace(/PUBLIC KEY/g, 'SOMETHING ELSE'), /SOMETHING/],
		['a PEM block with broken base64', pem.replace('MC', 'M!'), /not valid base64/],
		['huge text', 'A'.repeat(100_000), /too long/],
	])('refuses %s with a clear error that does not echo the text', (_label, text, error) => {
		const parsed = parseWebhookPublicKey(text);
		expect(parsed).toEqual({ ok: false, error: expect.stringMatching(error) });
		if (!parsed.ok && typeof text === 'string' && text.trim().length > 20) {
			expect(parsed.error).not.toContain(text.trim().slice(30, 60));
		}
	});

	it('uses the published key when the override is empty, and parses an override once', () => {
		for (const empty of [undefined, null, '', '  ']) {
			const resolved = resolveWebhookPublicKey(empty);
			expect(resolved.ok && resolved.key === highLevelWebhookPublicKey()).toBe(true);
		}
		const first = resolveWebhookPublicKey(pem);
		const second = resolveWebhookPublicKey(pem);
		expect(first.ok && second.ok && first.key === second.key).toBe(true);
		expect(resolveWebhookPublicKey('not a key')).toEqual({ ok: false, error: expect.any(String) });
	});
});
