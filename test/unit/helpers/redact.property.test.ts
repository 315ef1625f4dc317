import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import {
	callLogToItems,
	splitExecutedActions,
} from '../../../nodes/HighLevelVoiceAi/helpers/callLog';
import { REDACTED } from '../../../nodes/HighLevelVoiceAi/helpers/constants';
import { isSecretKey, redactSecrets } from '../../../nodes/HighLevelVoiceAi/helpers/redact';
import { actionArb, callLogArb, filterArb, NUM_RUNS } from '../../tables/arbitraries';

/** Every secret planted below starts with this, so one search finds any that survived. */
const MARK = 'zq-secret-';
const secretArb = fc.stringMatching(/^[A-Za-z0-9]{4,16}$/).map((s) => `${MARK}${s}`);

/** Names under which HighLevel Custom Actions (and the APIs they call) carry credentials. */
const secretKeyArb = fc.constantFrom(
	'authenticationValue',
	'Authorization',
	'Proxy-Authorization',
	'password',
	'passwd',
	'apiKey',
	'api_key',
	'X-API-KEY',
	'x-access-token',
	'accessToken',
	'refresh_token',
	'client_secret',
	'clientSecret',
	'Cookie',
	'Set-Cookie',
	'private_key',
	'credentials',
	'signature',
	'auth',
	'X-Auth',
	'Ocp-Apim-Subscription-Key',
	'x-functions-key',
);

/** A secret as it can sit in JSON: a value under a secret key, a header row, an auth string. */
const plantedArb: fc.Arbitrary<unknown> = fc.oneof(
	fc.tuple(secretKeyArb, secretArb).map(([key, secret]) => ({ [key]: secret })),
	fc
		.tuple(secretKeyArb, secretArb, fc.jsonValue())
		.map(([key, secret, other]) => ({ [key]: { nested: [other, secret] } })),
	fc
		.tuple(fc.constantFrom('key', 'name', 'header'), secretKeyArb, secretArb)
		.map(([nameField, name, secret]) => ({ [nameField]: name, value: secret })),
	fc
		.tuple(fc.constantFrom('Bearer', 'bearer', 'Basic', 'Token', 'Digest'), secretArb)
		.map(([scheme, secret]) => `${scheme} ${secret}`),
	secretArb.map((secret) => `curl -H "Authorization: Bearer ${secret}" https://api.example.com`),
	fc
		.tuple(fc.constantFrom('api_key', 'apiKey', 'token', 'access_token', 'key', 'sig'), secretArb)
		.map(([param, secret]) => `https://api.example.com/orders?page=2&${param}=${secret}&x=1`),
	secretArb.map((secret) => `https://user:${secret}@api.example.com/orders`),
);

/** Any JSON with planted secrets at any depth, under any ordinary keys. */
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
	tree: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.jsonValue({ maxDepth: 1 }),
		plantedArb,
		fc.array(tie('tree'), { maxLength: 4 }),
		fc.dictionary(fc.string(), tie('tree'), { maxKeys: 4 }),
		// Secrets beside ordinary fields of the same object.
		fc
			.tuple(fc.dictionary(fc.string(), tie('tree'), { maxKeys: 3 }), plantedArb)
			.map(([object, planted]) =>
				Array.isArray(planted) || typeof planted !== 'object'
					? { ...object, note: planted }
					: { ...object, ...(planted as object) },
			),
	),
}));

/** A tree that holds at least one secret. */
const withSecretArb = fc.tuple(tree, plantedArb).map(([rest, planted]) => [rest, planted]);

/** Call logs whose actions' parameters, extracted data and other fields hold planted secrets. */
const secretCallArb = callLogArb(
	fc.array(
		fc.oneof(
			{
				weight: 4,
				arbitrary: fc
					.tuple(actionArb, withSecretArb)
					.map(([action, params]) => ({ ...action, actionParameters: { apiDetails: params } })),
			},
			withSecretArb,
		),
		{ maxLength: 8 },
	),
	withSecretArb,
);

const leaks = (value: unknown) => JSON.stringify(value).includes(MARK);

describe('redaction (property-based)', () => {
	it('leaves no planted secret anywhere in any JSON', () => {
		fc.assert(
			fc.property(withSecretArb, (value) => {
				expect(leaks(value)).toBe(true);
				expect(leaks(redactSecrets(value))).toBe(false);
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('leaves no planted secret in any output item, in every output mode', () => {
		fc.assert(
			fc.property(
				secretCallArb,
				fc.constantFrom('actions' as const, 'callLogs' as const),
				fc.constantFrom('emitCall' as const, 'skip' as const),
				filterArb,
				(call, mode, whenNoActions, actionTypes) => {
					const { items } = callLogToItems(call, {
						mode,
						whenNoActions,
						actionTypes,
						redact: true,
					});
					expect(leaks(items)).toBe(false);
				},
			),
			{ numRuns: NUM_RUNS },
		);
	});

	it('never modifies its input, and only replaces, never adds or drops, keys', () => {
		fc.assert(
			fc.property(withSecretArb, (value) => {
				const before = JSON.stringify(value);
				const redacted = redactSecrets(value);
				expect(JSON.stringify(value)).toBe(before);
				const keys = (v: unknown): string[] =>
					v && typeof v === 'object'
						? Object.entries(v).flatMap(([k, child]) => [k, ...keys(child)])
						: [];
				// A redacted value is a leaf, so its keys are gone; every other key stays.
				for (const key of keys(redacted)) expect(keys(value)).toContain(key);
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('keeps booleans and nulls under secret keys (they say whether auth is used, not what it is)', () => {
		fc.assert(
			fc.property(secretKeyArb, fc.constantFrom(true, false, null), (key, flag) => {
				expect(redactSecrets({ [key]: flag })).toEqual({ [key]: flag });
			}),
			{ numRuns: 200 },
		);
	});

	it('redacts a secret under an own "__proto__" key of parsed JSON without touching prototypes', () => {
		const parsed = JSON.parse(
			`{"__proto__": {"authenticationValue": "${MARK}proto"}, "note": "ok"}`,
		) as IDataObject;
		const redacted = redactSecrets(parsed);
		expect(leaks(redacted)).toBe(false);
		expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
		expect(JSON.stringify(redacted)).toBe(
			`{"__proto__":{"authenticationValue":"${REDACTED}"},"note":"ok"}`,
		);
		expect(
			splitExecutedActions(
				{ id: 'c1', executedCallActions: [parsed] },
				{ actionTypes: [], redact: true },
			).actions,
		).toHaveLength(1);
	});

	it('hides a header row value when any naming field is secret-looking (a case the property found)', () => {
		const rows = [
			{ key: {}, header: 'authenticationValue', value: `${MARK}a` },
			{ key: '', name: 'X-Api-Key', value: `${MARK}b` },
			{ key: null, name: 'Authorization', value: `${MARK}c` },
		];
		expect(leaks(redactSecrets(rows))).toBe(false);
	});
});

describe('URL parameter redaction runs in linear time', () => {
	/** The regular expression the scanner replaced (quadratic on text such as "????…"). */
	const OLD_URL_PARAM = /([?&;]([^=&#\s]+)=)([^&#\s]+)/g;
	const oldRedaction = (text: string) =>
		text.replace(OLD_URL_PARAM, (match, prefix: string, name: string) =>
			isSecretKey(name) || /^(key|sig)$/i.test(name) ? `${prefix}${REDACTED}` : match,
		);

	it('redacts exactly what the old regular expression did', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom('?', '&', ';', '=', '#', ' ', 'a', 'key', 'token', 'x', '\n'), {
					maxLength: 30,
				}),
				(parts) => {
					// "=" and "@" are the cheap triggers; "bearer" is left out to isolate URL parameters.
					const text = `https://h.example/p${parts.join('')}`;
					expect(redactSecrets({ url: text }).url).toBe(oldRedaction(text));
				},
			),
			{ numRuns: NUM_RUNS },
		);
	});

	it.each([
		['40 kB of "?"', '?'.repeat(40_000) + '='],
		['40 kB of "?a="', '?a='.repeat(13_000)],
		['40 kB of ";"', `x=1${';'.repeat(40_000)}`],
	])('handles %s (once a multi-second block of the event loop)', (_label, text) => {
		expect(typeof redactSecrets({ text }).text).toBe('string');
	});

	it('hides anything nested deeper than 200 levels instead of overflowing the stack', () => {
		let deep: unknown = 'leaf';
		for (let level = 0; level < 10_000; level++) deep = { next: deep };
		expect(() => redactSecrets(deep)).not.toThrow();
	});
});
