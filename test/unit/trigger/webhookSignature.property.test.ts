import { generateKeyPairSync, sign } from 'crypto';
import fc from 'fast-check';

import { verifyWebhookSignature } from '../../../nodes/HighLevelVoiceAi/trigger/webhookSignature';
import { NUM_RUNS } from '../../tables/arbitraries';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');

/** What is done to a freshly signed (body, header) pair before it is verified. */
type Tamper =
	| { kind: 'none' }
	| { kind: 'body-byte'; at: number; xor: number }
	| { kind: 'body-truncate'; at: number }
	| { kind: 'signature-byte'; at: number; xor: number }
	| { kind: 'signature-truncate'; at: number }
	| { kind: 'header-char'; at: number; replacement: string }
	| { kind: 'header-truncate'; at: number }
	/** The same 64 bytes spelled differently: lenient base64 decoders accept these. */
	| { kind: 'header-respell'; spelling: 'url-safe' | 'unpadded' | 'stray-bits' };

/** Positions are fractions of the length, so one arbitrary fits bodies of any size. */
const position = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const xor = fc.integer({ min: 1, max: 255 });

const tamperArb = fc.oneof(
	{ weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
	fc.record({ kind: fc.constant('body-byte' as const), at: position, xor }),
	fc.record({ kind: fc.constant('body-truncate' as const), at: position }),
	fc.record({ kind: fc.constant('signature-byte' as const), at: position, xor }),
	fc.record({ kind: fc.constant('signature-truncate' as const), at: position }),
	fc.record({
		kind: fc.constant('header-char' as const),
		at: position,
		// Base64 characters, padding, blanks, separators and junk.
		replacement: fc.constantFrom(...'Aa0+/=-_ ,!\u00e9\n'.split('')),
	}),
	fc.record({ kind: fc.constant('header-truncate' as const), at: position }),
	fc.record({
		kind: fc.constant('header-respell' as const),
		spelling: fc.constantFrom('url-safe' as const, 'unpadded' as const, 'stray-bits' as const),
	}),
);

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Raw bytes, JSON-ish text (sent as a string or as its Buffer), and large bodies. */
const bodyArb = fc.oneof(
	fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
	fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
	fc.string({ unit: 'grapheme', maxLength: 200 }),
	fc.string({ unit: 'grapheme', maxLength: 200 }).map((text) => Buffer.from(text, 'utf8')),
	fc.uint8Array({ minLength: 20_000, maxLength: 21_000 }).map((bytes) => Buffer.from(bytes)),
);

/** Applies the tamper; returns undefined when it would leave the pair unchanged (e.g. empty body). */
function tampered(
	body: Buffer | string,
	signature: Buffer,
	tamper: Tamper,
): { body: Buffer | string; header: string } | undefined {
	const header = signature.toString('base64');
	const bodyBytes = Buffer.from(body);
	const index = (length: number) => Math.floor((tamper as { at: number }).at * length);
	switch (tamper.kind) {
		case 'none':
			return { body, header };
		case 'body-byte': {
			if (bodyBytes.length === 0) return undefined;
			const changed = Buffer.from(bodyBytes);
			changed[index(changed.length)] ^= tamper.xor;
			return { body: changed, header };
		}
		case 'body-truncate':
			if (bodyBytes.length === 0) return undefined;
			return { body: bodyBytes.subarray(0, index(bodyBytes.length)), header };
		case 'signature-byte': {
			const changed = Buffer.from(signature);
			changed[index(changed.length)] ^= tamper.xor;
			return { body, header: changed.toString('base64') };
		}
		case 'signature-truncate':
			return { body, header: signature.subarray(0, index(signature.length)).toString('base64') };
		case 'header-char': {
			const at = index(header.length);
			if (header[at] === tamper.replacement) return undefined;
			return { body, header: header.slice(0, at) + tamper.replacement + header.slice(at + 1) };
		}
		case 'header-truncate':
			return { body, header: header.slice(0, index(header.length)) };
		case 'header-respell': {
			let spelling = header;
			if (tamper.spelling === 'url-safe') spelling = signature.toString('base64url') + '==';
			if (tamper.spelling === 'unpadded') spelling = header.replace(/=+$/, '');
			if (tamper.spelling === 'stray-bits') {
				// 64 bytes end in "==": the last data character carries 4 unused bits.
				const last = BASE64_ALPHABET.indexOf(header[85]);
				spelling = header.slice(0, 85) + BASE64_ALPHABET[last ^ 1] + '==';
			}
			if (spelling === header) return undefined;
			expect(Buffer.from(spelling, 'base64')).toEqual(signature);
			return { body, header: spelling };
		}
	}
}

describe('verifying X-GHL-Signature (property-based)', () => {
	it('is valid only for the untouched body and signature, and never throws', () => {
		fc.assert(
			fc.property(bodyArb, tamperArb, (body, tamper) => {
				const signature = sign(null, Buffer.from(body), privateKey);
				const delivery = tampered(body, signature, tamper);
				fc.pre(delivery !== undefined);
				const check = verifyWebhookSignature(delivery!.body, delivery!.header, publicKey);
				expect(check.valid).toBe(tamper.kind === 'none');
				if (tamper.kind === 'body-byte' || tamper.kind === 'body-truncate') {
					expect(check.reason).toBe('bad-signature');
				}
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('never throws on arbitrary header values and bodies', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined)),
				fc.oneof(
					fc.string(),
					fc.uint8Array().map((bytes) => Buffer.from(bytes)),
				),
				(header, body) => {
					const check = verifyWebhookSignature(body, header, publicKey);
					expect(check.valid).toBe(false);
					expect(typeof check.message).toBe('string');
				},
			),
			{ numRuns: NUM_RUNS },
		);
	});
});
