import fc from 'fast-check';

import { REDACTED } from '../../../nodes/HighLevelVoiceAi/helpers/constants';
import {
	containsSecret,
	scrubDeep,
	scrubText,
	secretForms,
} from '../../../nodes/HighLevelVoiceAi/helpers/secrets';

/** A made-up value shaped like a Private Integration Token. */
const CANARY = ['pit', '4f1c2a9e-77d0-4b1e-9c55-2f0e8a6b1d33'].join('-');

describe('secretForms: every form in which a token can be echoed back', () => {
	const forms = secretForms(CANARY);

	it.each([
		['as it is', `Malformed header: Bearer ${CANARY}`],
		['URL-encoded', `next=${encodeURIComponent(`${CANARY}/x`)}`],
		['base64 on its own', Buffer.from(CANARY).toString('base64')],
		['base64 inside a Basic header', Buffer.from(`user:${CANARY}`).toString('base64')],
		['base64 at another alignment', Buffer.from(`ab${CANARY}!`).toString('base64')],
		['base64url', Buffer.from(`x${CANARY}`).toString('base64url')],
	])('finds and removes it %s', (_label, text) => {
		expect(containsSecret(text, forms)).toBe(true);
		const scrubbed = scrubText(text, forms);
		expect(scrubbed).toContain(REDACTED);
		expect(containsSecret(scrubbed, forms)).toBe(false);
	});

	it('finds the token base64-encoded inside any text, at any position', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (before, after) => {
				const encoded = Buffer.from(`${before}${CANARY}${after}`).toString('base64');
				expect(containsSecret(encoded, forms)).toBe(true);
			}),
		);
	});

	it('has nothing to look for when there is no real token', () => {
		expect(secretForms('')).toEqual([]);
		expect(secretForms('abc')).toEqual([]);
	});

	it('scrubs keys and values of a whole answer without touching the original', () => {
		const answer = {
			id: 'call1',
			echo: { header: `Bearer ${CANARY}`, [CANARY]: 'as a key' },
			list: ['fine', Buffer.from(CANARY).toString('base64')],
			count: 3,
		};
		const copy = JSON.parse(JSON.stringify(answer));
		const scrubbed = scrubDeep(answer, forms);
		expect(JSON.stringify(scrubbed)).not.toContain(CANARY);
		expect(containsSecret(JSON.stringify(scrubbed), forms)).toBe(false);
		expect(scrubbed.id).toBe('call1');
		expect(scrubbed.count).toBe(3);
		expect(answer).toEqual(copy);
	});

	it('walks any depth without recursion', () => {
		let deep: unknown = CANARY;
		for (let level = 0; level < 100_000; level++) deep = [deep];
		const scrubbed = scrubDeep(deep, forms);
		let inner = scrubbed;
		while (Array.isArray(inner)) inner = inner[0];
		expect(inner).toBe(REDACTED);
	});
});

describe('scrubText: a token cut in two is still a token', () => {
	const forms = secretForms(CANARY);

	it.each([
		['its start, cut off', `Bearer ${CANARY.slice(0, 20)}`],
		['its end, after a cut', `…${CANARY.slice(-18)} rejected`],
		['its start, URL-encoded and cut', encodeURIComponent(`${CANARY}/x`).slice(0, 25)],
	])('removes %s', (_label, text) => {
		const scrubbed = scrubText(text, forms);
		expect(scrubbed).toContain(REDACTED);
		expect(scrubbed).not.toContain(CANARY.slice(0, 16));
		expect(scrubbed).not.toContain(CANARY.slice(-16));
	});

	it('leaves text without any piece of the token alone', () => {
		expect(scrubText('pit-other-token-entirely', forms)).toBe('pit-other-token-entirely');
	});

	it('looks for pieces only of tokens long enough that a piece cannot be a word', () => {
		const short = secretForms('pit-no-agent-goals');
		expect(scrubText('missing the voice-ai-agent-goals.write scope', short)).toBe(
			'missing the voice-ai-agent-goals.write scope',
		);
	});
});
