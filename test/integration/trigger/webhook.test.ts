import { generateKeyPairSync, randomUUID, sign } from 'crypto';
import type { KeyObject } from 'crypto';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { activateWebhook, deactivateWebhook, loadPackage, runWebhook } from '../../harness/n8n';
import type { StaticDataStore, WebhookOutcome } from '../../harness/n8n';

/**
 * The HighLevel Voice AI Webhook Trigger, run through n8n-core's WebhookContext as n8n 2.41 runs
 * it for an active workflow (see `runWebhook`), with deliveries signed here by a test key pair that
 * the node is given as its Public Key. Static data persists between deliveries through JSON, as
 * n8n's database keeps it.
 */

const testKeys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');
const TEST_PUBLIC_KEY = testKeys.publicKey.export({ format: 'pem', type: 'spki' }).toString();

/** A string that appears only in the body: logs and answers must never contain it. */
const BODY_MARKER = 'body-marker-7f3a';
const LOCATION = '3jJ0coeqWCZMAosyGQ6K';
const AGENT = '6878cec452e7c8d29d4dd3d9';
const NOW = Date.parse('2026-12-01T10:00:00.000Z');

let clock = NOW;
beforeEach(() => {
	clock = NOW;
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
afterEach(() => jest.restoreAllMocks());

/** The VoiceAiCallEnd page's example in the flat envelope of HighLevel's Webhook Logs Dashboard. */
function callEnd(overrides: IDataObject = {}): IDataObject {
	return {
		type: 'VoiceAiCallEnd',
		locationId: LOCATION,
		appId: '6878cec452e7c8d29d4dd3d0',
		versionId: '6878cec452e7c8d29d4dd3d1',
		timestamp: new Date(clock).toISOString(),
		webhookId: randomUUID(),
		id: 'CALL_abcdef123456',
		agentId: AGENT,
		contactId: 'contact_1',
		fromNumber: '+15550100',
		createdAt: '2026-12-01T09:56:40.000Z',
		duration: 187,
		summary: 'Booked a visit',
		transcript: `bot:Hello ${BODY_MARKER}\nhuman:Hi`,
		translation: { transcript: 'Hola', language: 'es' },
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
				executedAt: '2026-12-01T09:58:00.000Z',
				triggerReceivedAt: '2026-12-01T09:57:59.000Z',
			},
			{
				_id: 'action_2',
				actionType: 'CUSTOM_ACTION',
				actionName: 'CRM',
				actionParameters: {
					apiDetails: {
						url: 'https://crm.example.com/orders',
						authenticationValue: `Bearer sk_live_${BODY_MARKER}`,
					},
				},
			},
		],
		...overrides,
	};
}

function signature(raw: Buffer | string, privateKey: KeyObject = testKeys.privateKey): string {
	return sign(null, Buffer.from(raw), privateKey).toString('base64');
}

interface Delivery {
	rawBody: Buffer | string;
	headers?: Record<string, string | string[] | undefined>;
	parameters?: Record<string, unknown>;
	options?: IDataObject;
	staticData?: StaticDataStore;
	contentType?: string | null;
	mode?: 'webhook' | 'manual';
}

/** Output per action and the test key, unless the delivery says otherwise. */
async function deliver(delivery: Delivery): Promise<WebhookOutcome> {
	return await runWebhook({
		rawBody: delivery.rawBody,
		headers: delivery.headers ?? { 'x-ghl-signature': signature(delivery.rawBody) },
		parameters: delivery.parameters ?? {
			output: 'actions',
			options: { publicKey: TEST_PUBLIC_KEY, ...delivery.options },
		},
		staticData: delivery.staticData ?? {},
		contentType: delivery.contentType,
		mode: delivery.mode,
	});
}

/** A signed delivery of `body` (JSON-encoded), with `parameters` as given or the defaults. */
async function deliverCall(
	body: IDataObject,
	extra: Omit<Delivery, 'rawBody'> = {},
): Promise<WebhookOutcome> {
	return await deliver({ rawBody: JSON.stringify(body), ...extra });
}

function rememberedIds(store: StaticDataStore): string[] {
	if (!store.json) return [];
	const staticData = JSON.parse(store.json) as IDataObject;
	const node = staticData['node:HighLevel Voice AI Webhook Trigger'] as IDataObject | undefined;
	const memory = node?.seenWebhookIds as { forgetAfter: IDataObject } | undefined;
	return Object.keys(memory?.forgetAfter ?? {});
}

/** What a refused or ignored delivery must look like: answered, nothing started, nothing leaked. */
function expectNotStarted(outcome: WebhookOutcome, status: number, reason: RegExp): void {
	expect(outcome.error).toBeUndefined();
	expect(outcome.status).toBe(status);
	expect(outcome.body).toMatch(reason);
	expect(outcome.executed).toBe(false);
	expect(outcome.items).toEqual([]);
	expect(outcome.response?.headers['content-type']).toBe('text/plain; charset=utf-8');
	expect(JSON.stringify(outcome.logs) + outcome.body).not.toContain(BODY_MARKER);
}

async function triggerType(): Promise<INodeType> {
	const { loader } = await loadPackage();
	return loader.nodeTypes.highLevelVoiceAiWebhookTrigger.type as INodeType;
}

describe('the package registers the webhook trigger as n8n expects', () => {
	it('describes one POST webhook, no inputs, no credential and no tool use', async () => {
		const { description, webhookMethods } = await triggerType();
		expect(description).toMatchObject({
			name: 'highLevelVoiceAiWebhookTrigger',
			displayName: 'HighLevel Voice AI Webhook Trigger',
			group: ['trigger'],
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					responseMode: 'onReceived',
					responseData: 'Workflow was started',
					path: 'highlevel-voice-ai',
				},
			],
		});
		expect(description.credentials).toBeUndefined();
		expect(description.usableAsTool).toBeUndefined();
		expect(Object.keys(webhookMethods?.default ?? {}).sort()).toEqual([
			'checkExists',
			'create',
			'delete',
		]);
	});

	it('tells the user where the Production URL goes', async () => {
		const { properties } = (await triggerType()).description;
		const notice = properties.find((property) => property.type === 'notice');
		for (const fact of [
			'Production URL',
			'Marketplace app → Advanced Settings → Webhooks',
			'VoiceAiCallEnd',
			'voice-ai-dashboard.readonly',
			'install the app on the sub-account',
			'One URL serves every location',
		])
			expect(notice?.displayName).toContain(fact);
	});

	it('offers the output options of Call Log → Get, without stopping with an error', async () => {
		const { properties } = (await triggerType()).description;
		const options = properties.find((property) => property.name === 'options')?.options as Array<{
			name: string;
			displayName: string;
			options?: Array<{ value: string }>;
		}>;
		expect(options.map((option) => option.displayName)).toEqual([
			'Action Types',
			'Public Key',
			'Redact Secrets',
			'Skip Signature Verification',
			'Timestamp Tolerance (Minutes)',
			'Transcript',
			'When a Call Has No Actions',
		]);
		const whenNoActions = options.find((option) => option.name === 'whenNoActions');
		expect(whenNoActions?.options?.map((choice) => choice.value)).toEqual(['skip', 'emitCall']);
	});
});

describe('a signed VoiceAiCallEnd delivery', () => {
	it('starts the workflow once with one item per executed action, delivery fields merged in', async () => {
		const store: StaticDataStore = {};
		const body = callEnd();
		const outcome = await deliverCall(body, { staticData: store });

		expect(outcome.error).toBeUndefined();
		expect(outcome.status).toBe(200);
		expect(outcome.body).toBe('Workflow was started');
		expect(outcome.executed).toBe(true);
		const items = outcome.items.map((item) => item.json);
		expect(items.map((item) => item.actionId)).toEqual(['action_1', 'action_2']);
		const webhook = {
			type: 'VoiceAiCallEnd',
			webhookId: body.webhookId,
			timestamp: body.timestamp,
			appId: body.appId,
			versionId: body.versionId,
			locationId: LOCATION,
		};
		expect(items[0]).toEqual({
			callId: 'CALL_abcdef123456',
			agentId: AGENT,
			contactId: 'contact_1',
			fromNumber: '+15550100',
			callCreatedAt: '2026-12-01T09:56:40.000Z',
			callDuration: 187,
			trialCall: false,
			callSummary: 'Booked a visit',
			extractedData: { phoneNumber: '+1234567890' },
			messageId: 'msg_1',
			actionIndex: 0,
			actionId: 'action_1',
			actionType: 'APPOINTMENT_BOOKING',
			actionName: 'Book',
			actionDescription: 'Books a visit',
			executedAt: '2026-12-01T09:58:00.000Z',
			triggerReceivedAt: '2026-12-01T09:57:59.000Z',
			actionParameters: { calendarId: 'cal_1' },
			locationId: LOCATION,
			webhook,
		});
		expect(items[1]).toMatchObject({ locationId: LOCATION, webhook, actionType: 'CUSTOM_ACTION' });
		// Each item has its own copy: a later step changing one cannot change another.
		expect(items[0].webhook).not.toBe(items[1].webhook);
		expect(items[1].actionParameters).toEqual({
			apiDetails: { url: 'https://crm.example.com/orders', authenticationValue: '[REDACTED]' },
		});
		expect(JSON.stringify(items)).not.toContain(BODY_MARKER);
		expect(outcome.staticDataSaved).toBe(true);
		expect(rememberedIds(store)).toEqual([body.webhookId]);
	});

	it('with "Call Logs" output: one item, the whole call with its location and delivery', async () => {
		const body = callEnd();
		const outcome = await deliverCall(body, {
			parameters: { output: 'callLogs', options: { publicKey: TEST_PUBLIC_KEY } },
		});
		expect(outcome.executed).toBe(true);
		expect(outcome.items).toHaveLength(1);
		const call = outcome.items[0].json;
		expect(call).toMatchObject({
			id: 'CALL_abcdef123456',
			locationId: LOCATION,
			agentId: AGENT,
			transcript: body.transcript,
			translation: { transcript: 'Hola', language: 'es' },
			webhook: { type: 'VoiceAiCallEnd', webhookId: body.webhookId, locationId: LOCATION },
		});
		// The envelope's fields live under `webhook`, not beside the call's.
		for (const field of ['type', 'webhookId', 'timestamp', 'appId', 'versionId'])
			expect(call).not.toHaveProperty(field);
		const actions = call.executedCallActions as IDataObject[];
		expect(actions.map((action) => action.actionId)).toEqual(['action_1', 'action_2']);
		expect((actions[1].actionParameters as IDataObject).apiDetails).toMatchObject({
			authenticationValue: '[REDACTED]',
		});
	});

	it('honours Action Types and Redact Secrets as Call Log → Get does', async () => {
		const outcome = await deliverCall(callEnd(), {
			options: { actionTypes: ['CUSTOM_ACTION'], redactSecrets: false },
		});
		expect(outcome.items.map((item) => item.json.actionType)).toEqual(['CUSTOM_ACTION']);
		expect(outcome.items[0].json.actionParameters).toMatchObject({
			apiDetails: { authenticationValue: `Bearer sk_live_${BODY_MARKER}` },
		});
	});

	it('a call without actions gives one item with empty action fields and the delivery fields', async () => {
		const body = callEnd({ executedCallActions: [] });
		const outcome = await deliverCall(body);
		expect(outcome.executed).toBe(true);
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].json).toMatchObject({
			callId: 'CALL_abcdef123456',
			actionIndex: null,
			actionType: null,
			locationId: LOCATION,
			webhook: { webhookId: body.webhookId },
		});
	});

	it('"Output Nothing" for a call without actions: acknowledged and remembered, nothing started', async () => {
		const store: StaticDataStore = {};
		const body = callEnd({ executedCallActions: [] });
		const options = { whenNoActions: 'skip' };
		const first = await deliverCall(body, { options, staticData: store });
		expectNotStarted(first, 200, /no matching executed actions/);
		expect(rememberedIds(store)).toEqual([body.webhookId]);
		const retry = await deliverCall(body, { options, staticData: store });
		expectNotStarted(retry, 200, /already received/);
	});

	it('reports entries it could not turn into items only once the delivery is accepted', async () => {
		const store: StaticDataStore = {};
		const body = callEnd({ executedCallActions: [{ _id: 'a', actionType: 'SMS' }, 'junk'] });
		const first = await deliverCall(body, { staticData: store });
		expect(first.items).toHaveLength(1);
		expect(first.logs).toEqual([
			expect.objectContaining({
				level: 'warn',
				message: expect.stringContaining('skipped 1 entry of executedCallActions'),
			}),
		]);
		const retry = await deliverCall(body, { staticData: store });
		expect(retry.executed).toBe(false);
		expect(retry.logs.map((line) => line.message).join('\n')).not.toContain('skipped');
	});

	it('works the same through the Test URL ("Listen for test event")', async () => {
		const outcome = await deliverCall(callEnd(), { mode: 'manual' });
		expect(outcome.executed).toBe(true);
		expect(outcome.items).toHaveLength(2);
	});
});

describe('the signature: 401 and nothing started unless HighLevel signed these exact bytes', () => {
	const raw = () => JSON.stringify(callEnd());

	const cases: Array<[string, () => { rawBody: string; headers: Record<string, unknown> }]> = [
		['no signature header', () => ({ rawBody: raw(), headers: {} })],
		['an empty signature header', () => ({ rawBody: raw(), headers: { 'x-ghl-signature': '' } })],
		[
			'the "N/A" placeholder HighLevel’s sample treats as unsigned',
			() => ({ rawBody: raw(), headers: { 'x-ghl-signature': 'N/A' } }),
		],
		[
			'a made-up signature',
			() => ({
				rawBody: raw(),
				headers: { 'x-ghl-signature': Buffer.alloc(64, 7).toString('base64') },
			}),
		],
		[
			'a truncated signature',
			() => {
				const rawBody = raw();
				return { rawBody, headers: { 'x-ghl-signature': signature(rawBody).slice(0, 60) } };
			},
		],
		[
			'a signature that is not base64',
			() => ({ rawBody: raw(), headers: { 'x-ghl-signature': 'not base64 at all!' } }),
		],
		[
			'a signature by another key',
			() => {
				const rawBody = raw();
				return {
					rawBody,
					headers: { 'x-ghl-signature': signature(rawBody, otherKeys.privateKey) },
				};
			},
		],
		[
			'a body changed after signing',
			() => {
				const signed = raw();
				return {
					rawBody: signed.replace('"duration":187', '"duration":188'),
					headers: { 'x-ghl-signature': signature(signed) },
				};
			},
		],
		[
			'the same JSON re-serialised with other spacing',
			() => {
				const body = callEnd();
				return {
					rawBody: JSON.stringify(body, null, 2),
					headers: { 'x-ghl-signature': signature(JSON.stringify(body)) },
				};
			},
		],
		[
			'two different signature headers',
			() => {
				const rawBody = raw();
				return {
					rawBody,
					headers: {
						'x-ghl-signature': [signature(rawBody), signature(rawBody, otherKeys.privateKey)],
					},
				};
			},
		],
		[
			'only the legacy RSA header, X-WH-Signature',
			() => ({ rawBody: raw(), headers: { 'x-wh-signature': 'c2lnbmF0dXJl' } }),
		],
	];

	it.each(cases)('%s', async (_label, make) => {
		const store: StaticDataStore = {};
		const { rawBody, headers } = make();
		const outcome = await deliver({
			rawBody,
			headers: headers as Record<string, string>,
			staticData: store,
		});
		expectNotStarted(outcome, 401, /X-GHL-Signature/);
		expect(outcome.logs).toEqual([
			expect.objectContaining({ level: 'warn', message: expect.stringContaining('answered 401') }),
		]);
		// Only signed deliveries may write to the memory of delivery ids.
		expect(outcome.staticDataSaved).toBe(false);
		expect(store.json).toBeUndefined();
	});

	it('without a Public Key, HighLevel’s published key is used: a test signature fails', async () => {
		const outcome = await deliverCall(callEnd(), { parameters: { output: 'actions' } });
		expectNotStarted(outcome, 401, /does not match/);
	});

	it('a Public Key in raw base64 or hex is as good as PEM', async () => {
		const der = testKeys.publicKey.export({ format: 'der', type: 'spki' });
		const rawKey = der.subarray(der.length - 32);
		for (const publicKey of [rawKey.toString('base64'), rawKey.toString('hex')]) {
			const outcome = await deliverCall(callEnd(), {
				parameters: { output: 'actions', options: { publicKey } },
			});
			expect(outcome.executed).toBe(true);
		}
	});

	it('a signed body that is not valid JSON is checked for its signature first', async () => {
		const outcome = await deliver({
			rawBody: 'not json',
			headers: { 'x-ghl-signature': signature('something else') },
			contentType: 'text/plain',
		});
		expectNotStarted(outcome, 401, /does not match/);
	});
});

describe('events and filters: other deliveries are acknowledged (200) and start nothing', () => {
	it('ignores other event types without remembering them', async () => {
		const store: StaticDataStore = {};
		for (const type of ['ContactCreate', 'INSTALL', undefined]) {
			const outcome = await deliverCall(callEnd({ type }), { staticData: store });
			expectNotStarted(outcome, 200, /^Ignored\. .*not VoiceAiCallEnd/);
		}
		expect(store.json).toBeUndefined();
	});

	it('Location IDs: only calls of the listed sub-accounts start the workflow', async () => {
		const parameters = {
			output: 'actions',
			locationIds: ` otherLocation1 , ${LOCATION} `,
			options: { publicKey: TEST_PUBLIC_KEY },
		};
		const wanted = await deliverCall(callEnd(), { parameters });
		expect(wanted.executed).toBe(true);
		const other = await deliverCall(callEnd({ locationId: 'someOtherLocation' }), { parameters });
		expectNotStarted(other, 200, /location not in the Location IDs filter/);
	});

	it('Agent IDs: only calls answered by the listed agents start the workflow', async () => {
		const parameters = {
			output: 'actions',
			agentIds: `${AGENT},agent_2`,
			options: { publicKey: TEST_PUBLIC_KEY },
		};
		const wanted = await deliverCall(callEnd(), { parameters });
		expect(wanted.executed).toBe(true);
		const other = await deliverCall(callEnd({ agentId: 'agent_3' }), { parameters });
		expectNotStarted(other, 200, /agent not in the Agent IDs filter/);
		const none = await deliverCall(callEnd({ agentId: undefined }), { parameters });
		expectNotStarted(none, 200, /agent not in the Agent IDs filter/);
	});
});

describe('replays: each delivery starts the workflow once', () => {
	it('the same delivery again (a replay or HighLevel’s retry) is acknowledged and starts nothing', async () => {
		const store: StaticDataStore = {};
		const body = callEnd();
		const first = await deliverCall(body, { staticData: store });
		expect(first.executed).toBe(true);
		clock += 60_000;
		const again = await deliverCall(body, { staticData: store });
		expectNotStarted(again, 200, /^Not started\. .*already received/);
		expect(again.logs).toEqual([
			expect.objectContaining({ level: 'info', message: expect.stringContaining('answered 200') }),
		]);
		// Another body under an id already used is a replay too.
		const sameId = await deliverCall(callEnd({ webhookId: body.webhookId, id: 'CALL_other' }), {
			staticData: store,
		});
		expectNotStarted(sameId, 200, /already received/);
	});

	it.each([
		['sent 6 minutes ago', -6 * 60_000, /sent 6 minutes ago/],
		['dated 6 minutes in the future', 6 * 60_000, /in the future/],
	])('a delivery %s is outside the 5-minute tolerance', async (_label, offset, reason) => {
		const store: StaticDataStore = {};
		const body = callEnd({ timestamp: new Date(clock + offset).toISOString() });
		const outcome = await deliverCall(body, { staticData: store });
		expectNotStarted(outcome, 200, reason);
		expect(outcome.logs[0].level).toBe('warn');
		expect(rememberedIds(store)).toEqual([]);
	});

	it('within the tolerance it starts; Timestamp Tolerance widens the window', async () => {
		const fourMinutesAgo = await deliverCall(
			callEnd({ timestamp: new Date(clock - 4 * 60_000).toISOString() }),
		);
		expect(fourMinutesAgo.executed).toBe(true);
		const sixMinutesAgo = callEnd({ timestamp: new Date(clock - 6 * 60_000).toISOString() });
		const widened = await deliverCall(sixMinutesAgo, {
			options: { timestampToleranceMinutes: 10 },
		});
		expect(widened.executed).toBe(true);
	});

	it('a replay after the tolerance is refused as stale, after the id was forgotten', async () => {
		const store: StaticDataStore = {};
		const body = callEnd();
		expect((await deliverCall(body, { staticData: store })).executed).toBe(true);
		clock += 60 * 60_000;
		const later = await deliverCall(body, { staticData: store });
		expectNotStarted(later, 200, /more than the 5 minutes allowed/);
	});

	it.each([
		['no webhookId', { webhookId: undefined }, /no webhookId/],
		['no timestamp', { timestamp: undefined }, /no timestamp/],
		['a timestamp without a zone', { timestamp: '2026-12-01T10:00:00' }, /not an ISO date-time/],
	])('a signed body with %s is refused (400)', async (_label, overrides, reason) => {
		const store: StaticDataStore = {};
		const outcome = await deliverCall(callEnd(overrides), { staticData: store });
		expectNotStarted(outcome, 400, reason);
		expect(rememberedIds(store)).toEqual([]);
	});

	it('1,000 distinct deliveries a second apart: each starts once, the memory stays bounded', async () => {
		const store: StaticDataStore = {};
		const bodies: IDataObject[] = [];
		let started = 0;
		let largestMemory = 0;
		for (let index = 0; index < 1000; index++) {
			clock = NOW + index * 1000;
			const body = callEnd({ id: `CALL_${index}` });
			bodies.push(body);
			const outcome = await deliverCall(body, { staticData: store });
			if (outcome.executed && outcome.items[0].json.callId === `CALL_${index}`) started++;
			// A retry right behind each delivery is recognised.
			if (index % 50 === 0)
				expect((await deliverCall(body, { staticData: store })).executed).toBe(false);
			largestMemory = Math.max(largestMemory, rememberedIds(store).length);
		}
		expect(started).toBe(1000);
		// Ids are kept about as long as a replay could pass the time check (5 min + 30 s of slack).
		expect(largestMemory).toBeLessThanOrEqual(5 * 60 + 30 + 1);
		expect(largestMemory).toBeGreaterThanOrEqual(5 * 60);
		expect(store.json!.length).toBeLessThan(40_000);
		// Every one of them again: none starts (recent ones are remembered, older ones are stale).
		let startedAgain = 0;
		for (const body of bodies) {
			if ((await deliverCall(body, { staticData: store })).executed) startedAgain++;
		}
		expect(startedAgain).toBe(0);
	});
});

describe('Skip Signature Verification (local tests only)', () => {
	const skip = { output: 'actions', options: { skipSignatureVerification: true } };

	it('starts the workflow without a signature, or with a wrong one', async () => {
		const unsigned = await deliver({
			rawBody: JSON.stringify(callEnd()),
			headers: {},
			parameters: skip,
		});
		expect(unsigned.executed).toBe(true);
		const body = JSON.stringify(callEnd());
		const wrong = await deliver({
			rawBody: body,
			headers: { 'x-ghl-signature': signature(body, otherKeys.privateKey) },
			parameters: skip,
		});
		expect(wrong.executed).toBe(true);
	});

	it('still drops replays and still refuses bad bodies', async () => {
		const store: StaticDataStore = {};
		const rawBody = JSON.stringify(callEnd());
		expect(
			(await deliver({ rawBody, headers: {}, parameters: skip, staticData: store })).executed,
		).toBe(true);
		const again = await deliver({ rawBody, headers: {}, parameters: skip, staticData: store });
		expectNotStarted(again, 200, /already received/);
		const bad = await deliver({ rawBody: '[1,2]', headers: {}, parameters: skip });
		expectNotStarted(bad, 400, /a list, not a JSON object/);
	});
});

describe('bad bodies: 400 with a plain reason, nothing started, nothing remembered', () => {
	const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

	it.each([
		['not JSON (sent as text/plain)', 'hello, n8n', 'text/plain', /not valid JSON/],
		['empty', '', 'application/json', /not valid JSON|no body/],
		['a JSON list', '[{"type":"VoiceAiCallEnd"}]', 'application/json', /a list, not a JSON object/],
		['a JSON string', '"VoiceAiCallEnd"', 'application/json', /a string, not a JSON object/],
		['JSON null', 'null', 'application/json', /null, not a JSON object/],
		[
			'larger than 5 MB',
			JSON.stringify(callEnd({ transcript: 'x'.repeat(5 * 1024 * 1024) })),
			'application/json',
			/more than the 5242880 allowed/,
		],
		[
			'nested deeper than 64 levels',
			JSON.stringify(callEnd({ extractedData: JSON.parse(deep(100)) })),
			'application/json',
			/nests deeper than 64 levels/,
		],
		[
			'a VoiceAiCallEnd without a call id',
			JSON.stringify(callEnd({ id: undefined })),
			'application/json',
			/no call id/,
		],
		['a form body', 'type=VoiceAiCallEnd', 'application/x-www-form-urlencoded', /not valid JSON/],
	])('%s', async (_label, rawBody, contentType, reason) => {
		const store: StaticDataStore = {};
		const outcome = await deliver({ rawBody, contentType, staticData: store });
		expectNotStarted(outcome, 400, reason);
		expect(outcome.logs[0]).toMatchObject({ level: 'warn' });
		expect(store.json).toBeUndefined();
	});

	it('a body 10,000 levels deep does not overflow anything', async () => {
		const rawBody = '['.repeat(10_000) + ']'.repeat(10_000);
		const outcome = await deliver({ rawBody, contentType: 'text/plain' });
		expectNotStarted(outcome, 400, /a list, not a JSON object/);
	});

	it('unparsable JSON declared as application/json is answered by n8n itself (422), before the node', async () => {
		const outcome = await deliver({ rawBody: '{"type":', contentType: 'application/json' });
		expect(outcome).toMatchObject({ status: 422, nodeCalled: false, executed: false });
	});
});

describe('settings: a bad one is a parameter error, on activation and on delivery', () => {
	const rsaPublicKey = generateKeyPairSync('rsa', { modulusLength: 1024 })
		.publicKey.export({ format: 'pem', type: 'spki' })
		.toString();
	const privatePem = testKeys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

	it.each([
		['garbage as Public Key', { options: { publicKey: 'not a key' } }, /Public Key|webhook key/],
		['an RSA key as Public Key', { options: { publicKey: rsaPublicKey } }, /RSA key/],
		['a private key as Public Key', { options: { publicKey: privatePem } }, /private key/],
		['a Location ID with a slash', { locationIds: 'a/b' }, /Location IDs/],
		[
			'a Timestamp Tolerance of 0',
			{ options: { timestampToleranceMinutes: 0 } },
			/Timestamp Tolerance/,
		],
		[
			'"Stop With an Error" from an expression',
			{ options: { whenNoActions: 'error' } },
			/cannot stop with an error in a trigger/,
		],
	])('%s', async (_label, overrides, message) => {
		const parameters = { output: 'actions', ...overrides };
		const activation = await activateWebhook({ parameters });
		expect(activation.error?.name).toBe('NodeOperationError');
		expect(activation.error?.message).toMatch(message);
		if (JSON.stringify(overrides).includes('PRIVATE')) {
			expect(activation.error?.message).not.toContain(privatePem.split('\n')[1]);
		}

		const store: StaticDataStore = {};
		const outcome = await deliverCall(callEnd(), { parameters, staticData: store });
		expect(outcome.status).toBe(500);
		expect(outcome.error?.message).toMatch(message);
		expect(outcome.executed).toBe(false);
		expect(store.json).toBeUndefined();
	});

	it('a good configuration activates: nothing to find or register at HighLevel', async () => {
		const parameters = { output: 'actions', options: { publicKey: TEST_PUBLIC_KEY } };
		expect(await activateWebhook({ parameters })).toEqual({
			calls: [
				['checkExists', false],
				['create', true],
			],
		});
		expect(await activateWebhook({ parameters: { output: 'callLogs' } })).toEqual({
			calls: [
				['checkExists', false],
				['create', true],
			],
		});
		expect(await deactivateWebhook({ parameters })).toBe(true);
	});
});
