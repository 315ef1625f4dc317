import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { SIMPLIFIED_FIELDS } from '../../../nodes/HighLevelVoiceAi/helpers/simplify';
import { runWebhook } from '../../harness/n8n';
import { useSandbox } from '../../harness/sandbox';
import { MINUTE, newCall, trigger } from './triggerCalls';

/**
 * Output (Simplified, Raw, Selected Fields) and Transcript on both triggers, through n8n-core's
 * PollContext and WebhookContext, with n8n's defaults for each node version.
 */

const TURNS = [
	{ speaker: 'bot', text: 'Hi' },
	{ speaker: 'human', text: 'A link, please.' },
];

describe('HighLevel Voice AI Trigger (polling): Output and Transcript', () => {
	const sandboxOf = useSandbox();

	/** Activates a trigger, adds one new call, and returns the poll that emits it. */
	async function emitOne(parameters: IDataObject, typeVersion?: number) {
		const t = trigger(sandboxOf, { parameters, typeVersion });
		await t.poll();
		const call = newCall(Date.now() - MINUTE);
		sandboxOf().addCallLog(call);
		const result = await t.poll();
		expect(result.error).toBeUndefined();
		return { call, items: result.items };
	}

	it('version 1 emits the whole call log, as saved workflows expect', async () => {
		const { call, items } = await emitOne({});
		expect(items.map((item) => item.json)).toEqual([call]);
	});

	it('version 1.1 emits it Simplified', async () => {
		const { call, items } = await emitOne({}, 1.1);
		expect(items.map((item) => item.json)).toEqual([
			{
				id: call.id,
				agentId: call.agentId,
				contactId: call.contactId,
				fromNumber: call.fromNumber,
				createdAt: call.createdAt,
				duration: call.duration,
				summary: call.summary,
				transcript: call.transcript,
				executedActions: [
					{
						actionType: 'SMS',
						actionName: 'Send Booking Link',
						executedAt: (call.executedCallActions as IDataObject[])[0].executedAt,
					},
				],
			},
		]);
	});

	it('Selected Fields, one item per executed action', async () => {
		const { call, items } = await emitOne({
			output: 'actions',
			fields: 'selected',
			selectedExecutedActionFields: ['callId', 'actionName'],
		});
		expect(items.map((item) => item.json)).toEqual([
			{ callId: call.id, actionName: 'Send Booking Link' },
		]);
	});

	it('Simplified, one item per executed action', async () => {
		const { items } = await emitOne({ output: 'actions', fields: 'simplified' });
		// Every field of the short view; only the webhook's items name a location.
		expect(Object.keys(items[0].json)).toEqual(
			SIMPLIFIED_FIELDS.executedAction.filter((field) => field !== 'locationId'),
		);
		expect(items[0].json).toMatchObject({ actionType: 'SMS', actionName: 'Send Booking Link' });
	});

	it('the transcript as turns, or left out', async () => {
		const turns = await emitOne({ options: { transcript: 'turns' } }, 1.1);
		expect(turns.items[0].json.transcript).toEqual(TURNS);
		sandboxOf().reset();
		const omitted = await emitOne({ fields: 'raw', options: { transcript: 'omit' } }, 1.1);
		expect(omitted.items[0].json).not.toHaveProperty('transcript');
		expect(omitted.items[0].json).toHaveProperty('executedCallActions');
	});

	it('"Fetch Test Event" shows the newest call the same way', async () => {
		const call = newCall(Date.now() - MINUTE);
		sandboxOf().addCallLog(call);
		const t = trigger(sandboxOf, {
			parameters: {
				fields: 'selected',
				selectedCallFields: ['id', 'transcript'],
				options: { transcript: 'turns' },
			},
		});
		const result = await t.poll({ mode: 'manual' });
		expect(result.items.map((item) => item.json)).toEqual([{ id: call.id, transcript: TURNS }]);
	});

	it('refuses an empty Selected Fields before any request, naming the field', async () => {
		const t = trigger(sandboxOf, { parameters: { fields: 'selected' } });
		const result = await t.poll();
		expect(result.error?.message).toBe('Fields to Include is empty: pick at least one field');
		expect(result.requests).toBe(0);
	});
});

describe('HighLevel Voice AI Webhook Trigger: Output and Transcript', () => {
	const LOCATION = '3jJ0coeqWCZMAosyGQ6K';

	/** A VoiceAiCallEnd delivery in HighLevel's flat envelope, dated now. */
	const callEnd = (): IDataObject => ({
		type: 'VoiceAiCallEnd',
		locationId: LOCATION,
		appId: 'app_1',
		versionId: 'version_1',
		timestamp: new Date().toISOString(),
		webhookId: randomUUID(),
		id: 'CALL_output_1',
		agentId: 'agent_1',
		contactId: 'contact_1',
		fromNumber: '+15550100',
		createdAt: '2026-12-01T09:56:40.000Z',
		duration: 187,
		summary: 'Booked a visit',
		transcript: 'bot:Hello\nhuman:Hi, I would like\na cleaning',
		translation: { transcript: 'Hola', language: 'es' },
		extractedData: { phoneNumber: '+1234567890' },
		messageId: 'msg_1',
		trialCall: false,
		executedCallActions: [
			{
				_id: 'action_1',
				actionType: 'APPOINTMENT_BOOKING',
				actionName: 'Book',
				actionParameters: { calendarId: 'cal_1' },
				executedAt: '2026-12-01T09:58:00.000Z',
			},
		],
	});

	/** Delivered unsigned (Skip Signature Verification): the signature has its own tests. */
	const deliver = async (parameters: IDataObject, typeVersion?: number) => {
		const { options, ...rest } = parameters as { options?: IDataObject };
		const outcome = await runWebhook({
			rawBody: JSON.stringify(callEnd()),
			parameters: { ...rest, options: { skipSignatureVerification: true, ...options } },
			staticData: {},
			typeVersion,
		});
		expect(outcome.error).toBeUndefined();
		expect(outcome.executed).toBe(true);
		return outcome.items.map((item) => item.json);
	};

	it('version 1 keeps the raw action items with the delivery fields', async () => {
		const [item] = await deliver({});
		expect(item).toMatchObject({
			callId: 'CALL_output_1',
			actionIndex: 0,
			actionId: 'action_1',
			locationId: LOCATION,
			webhook: expect.objectContaining({ type: 'VoiceAiCallEnd' }),
		});
	});

	it('version 1.1 emits action items Simplified, with the call’s location', async () => {
		const [item] = await deliver({}, 1.1);
		expect(item).toEqual({
			callId: 'CALL_output_1',
			locationId: LOCATION,
			agentId: 'agent_1',
			contactId: 'contact_1',
			fromNumber: '+15550100',
			callCreatedAt: '2026-12-01T09:56:40.000Z',
			callSummary: 'Booked a visit',
			extractedData: { phoneNumber: '+1234567890' },
			actionType: 'APPOINTMENT_BOOKING',
			actionName: 'Book',
			executedAt: '2026-12-01T09:58:00.000Z',
			actionParameters: { calendarId: 'cal_1' },
		});
	});

	it('one item per call, Simplified, with the transcript as turns', async () => {
		const [item] = await deliver(
			{ output: 'callLogs', fields: 'simplified', options: { transcript: 'turns' } },
			1,
		);
		expect(Object.keys(item)).toEqual(SIMPLIFIED_FIELDS.callLog);
		expect(item.transcript).toEqual([
			{ speaker: 'bot', text: 'Hello' },
			{ speaker: 'human', text: 'Hi, I would like\na cleaning' },
		]);
		expect(item.locationId).toBe(LOCATION);
	});

	it('Selected Fields may pick the delivery’s fields', async () => {
		const [item] = await deliver(
			{
				output: 'actions',
				fields: 'selected',
				selectedExecutedActionFields: ['actionType', 'webhook'],
			},
			1.1,
		);
		expect(Object.keys(item)).toEqual(['actionType', 'webhook']);
		expect(item.webhook).toMatchObject({ type: 'VoiceAiCallEnd', locationId: LOCATION });
	});

	it('the transcript left out of the call', async () => {
		const [item] = await deliver({ output: 'callLogs', options: { transcript: 'omit' } });
		expect(item).not.toHaveProperty('transcript');
		expect(item).toHaveProperty('translation');
	});
});
