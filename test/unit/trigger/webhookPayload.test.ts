import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { callLogToItems } from '../../../nodes/HighLevelVoiceAi/helpers/callLog';
import {
	checkWebhookPayload,
	DEFAULT_MAX_BODY_BYTES,
	deliveryFields,
	MAX_BODY_DEPTH,
	nestsDeeperThan,
	parseWebhookBody,
} from '../../../nodes/HighLevelVoiceAi/trigger/webhookPayload';
import type {
	PayloadCheck,
	WebhookCallLog,
} from '../../../nodes/HighLevelVoiceAi/trigger/webhookPayload';
import { NUM_RUNS } from '../../tables/arbitraries';

const MARKER = 'body-marker-91c2';

/** The VoiceAiCallEnd page's example, in the flat envelope of the Webhook Logs Dashboard. */
function callEnd(overrides: IDataObject = {}): IDataObject {
	return {
		type: 'VoiceAiCallEnd',
		locationId: '3jJ0coeqWCZMAosyGQ6K',
		appId: '6878cec452e7c8d29d4dd3d9',
		versionId: '6878cec452e7c8d29d4dd3d9',
		timestamp: '2026-12-01T10:00:00.000Z',
		webhookId: '881b9415-5d35-4ff1-a667-0545b80b96c0',
		id: 'CALL_abcdef123456',
		agentId: 'agent_1',
		contactId: 'contact_1',
		fromNumber: '+15550100',
		createdAt: '2025-08-01T00:00:00.000Z',
		duration: 187,
		summary: 'Booked a visit',
		transcript: `bot:Hello ${MARKER}\nhuman:Hi`,
		translation: { transcript: 'Hola…', language: 'es' },
		extractedData: { phoneNumber: '+1234567890' },
		messageId: 'msg_1',
		trialCall: false,
		executedCallActions: [
			{
				_id: 'action_1',
				actionType: 'APPOINTMENT_BOOKING',
				actionName: 'Book',
				description: 'Books a visit',
				actionParameters: { calendarId: 'cal_1' },
				executedAt: '2025-08-01T00:01:00.000Z',
				triggerReceivedAt: '2025-08-01T00:00:59.000Z',
			},
			{
				_id: 'action_2',
				actionType: 'CUSTOM_ACTION',
				actionName: 'CRM',
				actionParameters: { apiDetails: { authenticationValue: 'Bearer sk_live_xxx' } },
			},
		],
		...overrides,
	};
}

const raw = (value: unknown) => JSON.stringify(value);

function expectAccepted(check: PayloadCheck): WebhookCallLog {
	if (check.outcome !== 'accept') throw new Error(`expected accept, got ${JSON.stringify(check)}`);
	return check.callLog;
}

function expectOutcome(check: PayloadCheck, outcome: 'ignore' | 'reject', reason: string) {
	expect(check).toEqual({ outcome, reason, message: expect.any(String) });
	if (check.outcome !== 'accept') expect(check.message).not.toContain(MARKER);
}

describe('normalising a VoiceAiCallEnd delivery into a call log', () => {
	const check = parseWebhookBody(Buffer.from(raw(callEnd())));
	const callLog = expectAccepted(check);

	it('keeps every call field as sent, translation included, and invents no isAgentDeleted', () => {
		const expected = callEnd();
		for (const field of ['type', 'webhookId', 'timestamp', 'appId', 'versionId']) {
			delete expected[field];
		}
		expected.executedCallActions = (expected.executedCallActions as IDataObject[]).map(
			(action) => ({ ...action, actionId: action._id }),
		);
		expected.webhook = callLog.webhook;
		expect(callLog).toEqual(expected);
		expect(callLog.translation).toEqual({ transcript: 'Hola…', language: 'es' });
		expect(callLog).not.toHaveProperty('isAgentDeleted');
	});

	it('moves the delivery fields under `webhook`, keeping locationId at the top as a call field', () => {
		const envelope = {
			type: 'VoiceAiCallEnd',
			webhookId: '881b9415-5d35-4ff1-a667-0545b80b96c0',
			timestamp: '2026-12-01T10:00:00.000Z',
			appId: '6878cec452e7c8d29d4dd3d9',
			versionId: '6878cec452e7c8d29d4dd3d9',
			locationId: '3jJ0coeqWCZMAosyGQ6K',
		};
		expect(callLog.webhook).toEqual(envelope);
		expect(check.outcome === 'accept' && check.envelope).toEqual(envelope);
		for (const field of ['type', 'webhookId', 'timestamp', 'appId', 'versionId']) {
			expect(callLog).not.toHaveProperty(field);
		}
		expect(callLog.locationId).toBe('3jJ0coeqWCZMAosyGQ6K');
	});

	it("gives each action the REST name `actionId` for HighLevel's `_id`, keeping `_id`", () => {
		const actions = callLog.executedCallActions as IDataObject[];
		expect(actions.map((action) => [action.actionId, action._id])).toEqual([
			['action_1', 'action_1'],
			['action_2', 'action_2'],
		]);
		expect(actions[0].description).toBe('Books a visit');
	});

	it("feeds the node's splitter: one item per action, with the call's context", () => {
		const { items } = callLogToItems(callLog, {
			mode: 'actions',
			whenNoActions: 'emitCall',
			actionTypes: [],
			redact: true,
		});
		expect(items).toHaveLength(2);
		expect(items[0]).toEqual(
			expect.objectContaining({
				callId: 'CALL_abcdef123456',
				agentId: 'agent_1',
				actionId: 'action_1',
				actionType: 'APPOINTMENT_BOOKING',
				actionDescription: 'Books a visit',
				actionParameters: { calendarId: 'cal_1' },
			}),
		);
		expect(JSON.stringify(items[1])).not.toContain('sk_live_xxx');

		const whole = callLogToItems(callLog, {
			mode: 'callLogs',
			whenNoActions: 'emitCall',
			actionTypes: [],
			redact: true,
		}).items;
		expect(whole).toHaveLength(1);
		expect(whole[0].webhook).toEqual(callLog.webhook);
		expect(JSON.stringify(whole)).not.toContain('sk_live_xxx');
	});

	it('gives per-action items the same delivery fields as the whole call log', () => {
		if (check.outcome !== 'accept') throw new Error('expected accept');
		const fields = deliveryFields(check.envelope);
		expect(fields).toEqual({ locationId: callLog.locationId, webhook: callLog.webhook });
		(fields.webhook as IDataObject).webhookId = 'changed';
		expect(callLog.webhook.webhookId).toBe('881b9415-5d35-4ff1-a667-0545b80b96c0');
		expect(check.envelope.webhookId).toBe('881b9415-5d35-4ff1-a667-0545b80b96c0');
	});

	it('keeps an existing actionId and leaves odd action entries to the splitter', () => {
		const odd = [null, 'text', 7, ['list'], { actionId: 'rest_id', _id: 'hook_id' }, { _id: 42 }];
		const actions = expectAccepted(checkWebhookPayload(callEnd({ executedCallActions: odd })))
			.executedCallActions as unknown[];
		expect(actions).toEqual([
			null,
			'text',
			7,
			['list'],
			{ actionId: 'rest_id', _id: 'hook_id' },
			{ _id: 42 },
		]);
		for (const list of [null, 'none', { a: 1 }]) {
			const call = expectAccepted(checkWebhookPayload(callEnd({ executedCallActions: list })));
			expect(call.executedCallActions).toEqual(list);
		}
		const without = callEnd();
		delete without.executedCallActions;
		expect(expectAccepted(checkWebhookPayload(without))).not.toHaveProperty('executedCallActions');
	});

	it('gives null for envelope fields that are missing or not text', () => {
		const body = callEnd({ webhookId: 42, appId: null, versionId: undefined });
		delete body.timestamp;
		delete body.locationId;
		const call = expectAccepted(checkWebhookPayload(body));
		expect(call.webhook).toEqual({
			type: 'VoiceAiCallEnd',
			webhookId: null,
			timestamp: null,
			appId: null,
			versionId: null,
			locationId: null,
		});
	});

	it('does not modify the parsed body it is given', () => {
		const body = callEnd();
		const before = JSON.parse(raw(body));
		checkWebhookPayload(body);
		expect(body).toEqual(before);
	});

	it('keeps an own "__proto__" key as a plain field', () => {
		const call = expectAccepted(
			parseWebhookBody(raw(callEnd()).replace('{', '{"__proto__":{"polluted":true},')),
		);
		expect(Object.getPrototypeOf(call)).toBe(Object.prototype);
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(call, '__proto__')).toBe(true);
	});
});

describe('deciding which deliveries to start the workflow for', () => {
	it.each([
		['another event', { type: 'ContactCreate' }],
		['an event type in other case', { type: 'voiceaicallend' }],
		['no event type', { type: undefined }],
		['a non-text event type', { type: ['VoiceAiCallEnd'] }],
	])('ignores %s', (_label, overrides) => {
		expectOutcome(checkWebhookPayload(callEnd(overrides)), 'ignore', 'other-event');
	});

	it('filters on locations, agents and apps when lists are given', () => {
		const body = callEnd();
		expectOutcome(
			checkWebhookPayload(body, { locationIds: ['elsewhere'] }),
			'ignore',
			'other-location',
		);
		expectOutcome(checkWebhookPayload(body, { agentIds: ['agent_2'] }), 'ignore', 'other-agent');
		expectOutcome(checkWebhookPayload(body, { appIds: ['other_app'] }), 'ignore', 'other-app');
		const wanted = {
			locationIds: ['elsewhere', ' 3jJ0coeqWCZMAosyGQ6K '],
			agentIds: ['agent_1'],
			appIds: ['6878cec452e7c8d29d4dd3d9'],
		};
		expect(checkWebhookPayload(body, wanted).outcome).toBe('accept');
	});

	it('treats empty filter lists, and blank entries, as no filter', () => {
		const body = callEnd();
		for (const list of [[], [''], ['  '], undefined]) {
			expect(
				checkWebhookPayload(body, { locationIds: list, agentIds: list, appIds: list }).outcome,
			).toBe('accept');
		}
	});

	it('ignores a call without a location or agent when those are filtered', () => {
		expectOutcome(
			checkWebhookPayload(callEnd({ locationId: undefined }), { locationIds: ['loc'] }),
			'ignore',
			'other-location',
		);
		expectOutcome(
			checkWebhookPayload(callEnd({ agentId: 7 }), { agentIds: ['7'] }),
			'ignore',
			'other-agent',
		);
	});

	it('ignores an unwanted event before looking at anything else in it', () => {
		expectOutcome(
			checkWebhookPayload({ type: 'ContactCreate', nested: deeplyNested(1000) }),
			'ignore',
			'other-event',
		);
	});

	it('refuses a VoiceAiCallEnd without a call id', () => {
		for (const id of [undefined, '', 42, null]) {
			expectOutcome(checkWebhookPayload(callEnd({ id })), 'reject', 'no-call-id');
		}
	});
});

function deeplyNested(depth: number): unknown {
	let value: unknown = 'leaf';
	for (let level = 0; level < depth; level++) value = { next: value };
	return value;
}

describe('refusing bodies no HighLevel delivery would have', () => {
	it.each([
		['not JSON', 'type=VoiceAiCallEnd'],
		['an empty body', ''],
		['truncated JSON', raw(callEnd()).slice(0, 100)],
		['JSON with trailing junk', raw(callEnd()) + '}'],
	])('refuses %s', (_label, body) => {
		expectOutcome(parseWebhookBody(body), 'reject', 'not-json');
		expectOutcome(parseWebhookBody(Buffer.from(body)), 'reject', 'not-json');
	});

	it('says when there is no body at all', () => {
		expectOutcome(parseWebhookBody(undefined), 'reject', 'not-json');
		expectOutcome(parseWebhookBody(42 as unknown as string), 'reject', 'not-json');
	});

	it.each([
		['a list', '[{"type":"VoiceAiCallEnd","id":"c"}]', /a list/],
		['null', 'null', /null/],
		['a number', '42', /a number/],
		['a string', '"VoiceAiCallEnd"', /a string/],
		['true', 'true', /a boolean/],
	])('refuses %s as not an object', (_label, body, message) => {
		const check = parseWebhookBody(body);
		expectOutcome(check, 'reject', 'not-object');
		expect(check.outcome !== 'accept' && check.message).toMatch(message);
	});

	it('reads a body that starts with a byte-order mark', () => {
		expect(parseWebhookBody('\ufeff' + raw(callEnd())).outcome).toBe('accept');
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(raw(callEnd()))]);
		expect(parseWebhookBody(bytes).outcome).toBe('accept');
	});

	it('refuses a body over the byte limit before parsing it, counting UTF-8 bytes', () => {
		expect(DEFAULT_MAX_BODY_BYTES).toBe(5 * 1024 * 1024);
		const body = raw(callEnd({ transcript: 'é'.repeat(600) }));
		const bytes = Buffer.byteLength(body);
		expect(parseWebhookBody(body, { maxBytes: bytes }).outcome).toBe('accept');
		expectOutcome(parseWebhookBody(body, { maxBytes: bytes - 1 }), 'reject', 'too-large');
		expectOutcome(
			parseWebhookBody(Buffer.from(body), { maxBytes: bytes - 1 }),
			'reject',
			'too-large',
		);
		// Not JSON at all, but too large first: nothing is decoded.
		const huge = Buffer.alloc(DEFAULT_MAX_BODY_BYTES + 1, 0x7b);
		expectOutcome(parseWebhookBody(huge), 'reject', 'too-large');
		expectOutcome(parseWebhookBody('x'.repeat(DEFAULT_MAX_BODY_BYTES + 1)), 'reject', 'too-large');
	});

	it('accepts a large but legitimate call (a 4 MB transcript) under the default limit', () => {
		const call = expectAccepted(parseWebhookBody(raw(callEnd({ transcript: 'a'.repeat(4e6) }))));
		expect((call.transcript as string).length).toBe(4e6);
	});

	it('falls back to the default limit for an unusable one', () => {
		for (const maxBytes of [0, -1, Number.NaN]) {
			expect(parseWebhookBody(raw(callEnd()), { maxBytes }).outcome).toBe('accept');
		}
	});

	it('refuses deeply nested JSON without overflowing the stack', () => {
		const deepList = '['.repeat(100_000) + ']'.repeat(100_000);
		const deepCall = raw(
			callEnd({ extractedData: deeplyNested(MAX_BODY_DEPTH + 5) as IDataObject }),
		);
		expectOutcome(parseWebhookBody(deepCall), 'reject', 'too-deep');
		expectOutcome(
			checkWebhookPayload(callEnd({ executedCallActions: [deeplyNested(100_000)] })),
			'reject',
			'too-deep',
		);
		expectOutcome(parseWebhookBody(deepList), 'reject', 'not-object');
		const nestedWithin = raw(callEnd({ extractedData: deeplyNested(10) as IDataObject }));
		expect(parseWebhookBody(nestedWithin).outcome).toBe('accept');
	});

	it('measures depth as levels of objects and lists', () => {
		expect(nestsDeeperThan('text', 0)).toBe(false);
		expect(nestsDeeperThan({}, 0)).toBe(true);
		expect(nestsDeeperThan({}, 1)).toBe(false);
		expect(nestsDeeperThan({ a: [{}] }, 2)).toBe(true);
		expect(nestsDeeperThan({ a: [{}] }, 3)).toBe(false);
		expect(nestsDeeperThan({ a: ['x', 1, null], b: { c: 'y' } }, 2)).toBe(false);
	});
});

describe('parsing webhook bodies (property-based)', () => {
	it('never throws on arbitrary text or bytes, and always gives an outcome', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
					fc.jsonValue().map((value) => JSON.stringify(value) ?? 'undefined'),
				),
				(body) => {
					const check = parseWebhookBody(body);
					expect(['accept', 'ignore', 'reject']).toContain(check.outcome);
				},
			),
			{ numRuns: NUM_RUNS },
		);
	});

	it('accepts any VoiceAiCallEnd with a call id, whatever else its fields hold', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })),
				fc.string({ minLength: 1 }),
				(fields, id) => {
					const body = { ...fields, type: 'VoiceAiCallEnd', id };
					const call = expectAccepted(parseWebhookBody(JSON.stringify(body)));
					expect(call.id).toBe(id);
					expect(call.webhook.type).toBe('VoiceAiCallEnd');
					callLogToItems(call, {
						mode: 'actions',
						whenNoActions: 'emitCall',
						actionTypes: [],
						redact: true,
					});
				},
			),
			{ numRuns: NUM_RUNS },
		);
	});
});
