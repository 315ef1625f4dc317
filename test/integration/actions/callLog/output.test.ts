import type { IDataObject } from 'n8n-workflow';

import seed from '../../../../sandbox/fixtures/seed-call-log.json';
import { SIMPLIFIED_FIELDS } from '../../../../nodes/HighLevelVoiceAi/helpers/simplify';
import { runNode } from '../../../harness/n8n';
import {
	credentialsFor,
	SEED_ACTION_ORDER,
	SEED_CALL_ID,
	useSandbox,
} from '../../../harness/sandbox';

/**
 * Output (Simplified, Raw, Selected Fields), One Item Per, Transcript and Sort on Call Log → Get
 * and Get Many, through n8n-core: the parameters' defaults by node version are n8n's own.
 */

const RAW_ACTION_KEYS = [
	'callId',
	'agentId',
	'contactId',
	'fromNumber',
	'callCreatedAt',
	'callDuration',
	'trialCall',
	'callSummary',
	'extractedData',
	'messageId',
	'actionIndex',
	'actionId',
	'actionType',
	'actionName',
	'actionDescription',
	'executedAt',
	'triggerReceivedAt',
	'actionParameters',
];

const SEED_TURNS = [
	{ speaker: 'bot', text: 'Hello, how can I help you today?' },
	{ speaker: 'human', text: 'I would like to know about your pricing...' },
];

describe('Call Log output through n8n-core', () => {
	const sandboxOf = useSandbox();

	const run = async (parameters: IDataObject, typeVersion?: number, input: IDataObject[] = [{}]) =>
		await runNode({
			parameters: { resource: 'callLog', ...parameters },
			credentials: credentialsFor(sandboxOf()),
			typeVersion,
			input,
		});
	const get = (parameters: IDataObject = {}, typeVersion?: number) =>
		run({ operation: 'get', callId: SEED_CALL_ID, ...parameters }, typeVersion);
	const getMany = (parameters: IDataObject = {}, typeVersion?: number) =>
		run({ operation: 'getAll', returnAll: false, limit: 3, ...parameters }, typeVersion);

	describe('defaults by version', () => {
		it('version 1 (saved workflows) keeps the raw items, exactly as before Output existed', async () => {
			const { items, error } = await get();
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.actionType)).toEqual(SEED_ACTION_ORDER);
			for (const item of items) expect(Object.keys(item.json)).toEqual(RAW_ACTION_KEYS);

			const many = await getMany();
			expect(Object.keys(many.items[0].json).sort()).toEqual(
				Object.keys(sandboxOf().dataset.callLogs[0]).sort(),
			);
		});

		it('version 1.1 (new nodes) outputs Simplified', async () => {
			const { items } = await get({}, 1.1);
			expect(items).toHaveLength(8);
			for (const item of items) {
				expect(Object.keys(item.json)).toEqual(
					SIMPLIFIED_FIELDS.executedAction.filter((field) => field !== 'locationId'),
				);
			}
			const many = await getMany({}, 1.1);
			expect(many.items).toHaveLength(3);
			for (const item of many.items) {
				expect(Object.keys(item.json)).toEqual(
					SIMPLIFIED_FIELDS.callLog.filter((field) => field !== 'locationId'),
				);
			}
		});

		it('version 1.1 still outputs Raw when asked, the same as version 1', async () => {
			const raw = await get({ fields: 'raw' }, 1.1);
			const legacy = await get();
			expect(raw.items).toEqual(legacy.items);
		});
	});

	describe('Simplified', () => {
		it('one item per call: the call in short, its actions as a list of type, name and time', async () => {
			const { items } = await get({ output: 'callLogs', fields: 'simplified' });
			expect(items).toEqual([
				{
					json: {
						id: SEED_CALL_ID,
						agentId: seed.agentId,
						contactId: seed.contactId,
						fromNumber: seed.fromNumber,
						createdAt: seed.createdAt,
						duration: seed.duration,
						summary: seed.summary,
						transcript: seed.transcript,
						extractedData: seed.extractedData,
						executedActions: seed.executedCallActions.map(
							({ actionType, actionName, executedAt }) => ({ actionType, actionName, executedAt }),
						),
					},
					pairedItem: { item: 0 },
				},
			]);
		});

		it('one item per executed action: secrets in its parameters stay redacted', async () => {
			const { items } = await get({ fields: 'simplified' });
			const custom = items.find((item) => item.json.actionType === 'CUSTOM_ACTION');
			expect(custom?.json.actionParameters).toMatchObject({
				apiDetails: { authenticationValue: '[REDACTED]' },
			});
			expect(JSON.stringify(items)).not.toContain('token123');
		});

		it('applies to a call without actions the same way (its one item)', async () => {
			const { items } = await run(
				{ operation: 'get', callId: 'oddNoActions', fields: 'simplified' },
				1,
			);
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				callId: 'oddNoActions',
				actionType: null,
				actionParameters: null,
			});
			expect(items[0].json).not.toHaveProperty('actionIndex');
		});
	});

	describe('Selected Fields', () => {
		it('one item per call: the fields picked, in the order picked', async () => {
			const { items } = await get({
				output: 'callLogs',
				fields: 'selected',
				selectedCallFields: ['summary', 'id', 'messageId'],
			});
			expect(items.map((item) => item.json)).toEqual([
				{ summary: seed.summary, id: SEED_CALL_ID, messageId: seed.messageId },
			]);
		});

		it('one item per executed action: its own list, also from an expression', async () => {
			const { items } = await get({
				fields: 'selected',
				selectedExecutedActionFields: '={{ "actionType, callId" }}',
			});
			expect(items.map((item) => item.json)).toEqual(
				SEED_ACTION_ORDER.map((actionType) => ({ actionType, callId: SEED_CALL_ID })),
			);
		});

		it('leaves out a picked field the call does not have', async () => {
			const { items } = await run({
				operation: 'get',
				callId: 'oddMissingActions',
				output: 'callLogs',
				fields: 'selected',
				selectedCallFields: ['id', 'messageId', 'executedCallActions', 'summary'],
			});
			expect(items.map((item) => item.json)).toEqual([
				{ id: 'oddMissingActions', summary: 'Odd shape' },
			]);
		});

		it('Get Many: every call, each with the fields picked', async () => {
			const { items } = await getMany(
				{
					fields: 'selected',
					selectedCallFields: ['id', 'translation', 'duration'],
					limit: 5,
				},
				1.1,
			);
			const calls = sandboxOf().dataset.callLogs;
			expect(items.map((item) => item.json)).toEqual(
				calls.slice(0, 5).map((call) => ({
					id: call.id,
					translation: call.translation,
					duration: call.duration,
				})),
			);
		});
	});

	describe('Transcript', () => {
		it('as turns, on a call item in every Output', async () => {
			for (const fields of ['raw', 'simplified']) {
				const { items } = await get({
					output: 'callLogs',
					fields,
					options: { transcript: 'turns' },
				});
				expect(items[0].json.transcript).toEqual(SEED_TURNS);
			}
			const selected = await get({
				output: 'callLogs',
				fields: 'selected',
				selectedCallFields: ['id', 'transcript'],
				options: { transcript: 'turns' },
			});
			expect(selected.items[0].json).toEqual({ id: SEED_CALL_ID, transcript: SEED_TURNS });
		});

		it('left out', async () => {
			const { items } = await getMany({ options: { transcript: 'omit' } }, 1.1);
			expect(items).toHaveLength(3);
			for (const item of items) {
				expect(item.json).not.toHaveProperty('transcript');
				expect(item.json).toHaveProperty('summary');
			}
		});

		it('as text by default, as HighLevel wrote it', async () => {
			const { items } = await get({ output: 'callLogs' });
			expect(items[0].json.transcript).toBe(seed.transcript);
		});

		it('Get Many, as turns: each generated call’s turns give back its transcript', async () => {
			const { items } = await getMany({ limit: 10, options: { transcript: 'turns' } });
			const calls = sandboxOf().dataset.callLogs;
			items.forEach((item, index) => {
				const turns = item.json.transcript as Array<{ speaker: string; text: string }>;
				expect(turns.map((turn) => `${turn.speaker}: ${turn.text}`).join('\n')).toBe(
					calls[index].transcript,
				);
			});
		});
	});

	describe('Sort', () => {
		const listQuery = () =>
			sandboxOf().requests.find((request) => request.path === '/voice-ai/dashboard/call-logs')
				?.query;

		it('version 1.1 reads its own Sort collection', async () => {
			const { items, error } = await getMany(
				{ sort: { sortBy: 'duration', sortOrder: 'ascend' }, limit: 5 },
				1.1,
			);
			expect(error).toBeUndefined();
			expect(listQuery()).toMatchObject({ sortBy: 'duration', sort: 'ascend' });
			const durations = items.map((item) => item.json.duration as number);
			expect(durations).toEqual([...durations].sort((a, b) => a - b));
		});

		it('version 1 keeps reading Sort By and Sort Order from the Filters, as saved workflows hold them', async () => {
			await getMany({ filters: { sortBy: 'duration', sortOrder: 'descend' } });
			expect(listQuery()).toMatchObject({ sortBy: 'duration', sort: 'descend' });
		});

		it('sends no sort without Sort By', async () => {
			await getMany({ sort: { sortOrder: 'ascend' } }, 1.1);
			expect(listQuery()).not.toHaveProperty('sortBy');
			expect(listQuery()).not.toHaveProperty('sort');
		});
	});
});
