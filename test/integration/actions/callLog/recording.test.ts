import type { IDataObject } from 'n8n-workflow';

import seed from '../../../../sandbox/fixtures/seed-call-log.json';
import { recordingWav } from '../../../../sandbox/server';
import { runNode } from '../../../harness/n8n';
import { credentialsFor, SEED_CALL_ID, useSandbox } from '../../../harness/sandbox';

/**
 * Call Log → Get with Download Recording, through n8n-core (its real prepareBinaryData, in n8n's
 * default in-memory binary mode) against the sandbox's recording endpoint.
 */

const recordingPathOf = (messageId: string, locationId: string) =>
	`/conversations/messages/${messageId}/locations/${locationId}/recording`;

describe('Call Log → Get: Download Recording', () => {
	const sandboxOf = useSandbox();

	const get = async (
		parameters: IDataObject = {},
		{
			input = [{ callId: SEED_CALL_ID }],
			token,
			onError,
		}: { input?: IDataObject[]; token?: string; onError?: 'continueRegularOutput' } = {},
	) => {
		const { options, ...rest } = parameters as { options?: IDataObject };
		return await runNode({
			parameters: {
				resource: 'callLog',
				operation: 'get',
				callId: '={{ $json.callId }}',
				...rest,
				options: { downloadRecording: true, ...options },
			},
			input,
			credentials: credentialsFor(sandboxOf(), token ? { token } : {}),
			onError,
		});
	};
	const recordingRequests = () =>
		sandboxOf().requests.filter((request) => request.path.startsWith('/conversations/'));
	const bytesOf = (data: string) => Buffer.from(data, 'base64');

	it('adds the recording as binary data to the first item of the call only, as <callId>.wav, audio/x-wav', async () => {
		const { items, error, hints } = await get();
		expect(error).toBeUndefined();
		expect(hints).toEqual([]);
		expect(items).toHaveLength(8);
		const [first, ...rest] = items;
		expect(first.binary?.recording).toMatchObject({
			fileName: `${SEED_CALL_ID}.wav`,
			fileExtension: 'wav',
			mimeType: 'audio/x-wav',
			fileType: 'audio',
		});
		const bytes = bytesOf(first.binary!.recording.data);
		expect(bytes.equals(recordingWav(seed.messageId))).toBe(true);
		expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
		// Memory: one copy per call, not one per action item.
		for (const item of rest) expect(item.binary).toBeUndefined();
		for (const item of items) expect(item.json).not.toHaveProperty('recordingError');
	});

	it('asks the Conversations API with the location in the path, accepting any type', async () => {
		await get();
		const [request] = recordingRequests();
		expect(request).toMatchObject({
			method: 'GET',
			path: recordingPathOf(seed.messageId, sandboxOf().locationId),
			query: {},
		});
		expect(request.headers).toMatchObject({
			authorization: `Bearer ${sandboxOf().token}`,
			version: '2021-04-15',
			accept: '*/*',
		});
	});

	it('with one item per call, under the field name chosen, and each call its own recording', async () => {
		const calls = sandboxOf().dataset.callLogs.slice(0, 2);
		const { items } = await get(
			{ output: 'callLogs', options: { recordingBinaryProperty: 'audio' } },
			{ input: calls.map((call) => ({ callId: call.id })) },
		);
		expect(items).toHaveLength(2);
		items.forEach((item, index) => {
			expect(Object.keys(item.binary ?? {})).toEqual(['audio']);
			expect(item.binary!.audio.fileName).toBe(`${calls[index].id}.wav`);
			expect(
				bytesOf(item.binary!.audio.data).equals(recordingWav(String(calls[index].messageId))),
			).toBe(true);
			expect(item.pairedItem).toEqual({ item: index });
		});
		expect(items[0].binary!.audio.data).not.toBe(items[1].binary!.audio.data);
	});

	it('keeps the recording with Simplified or Selected Fields, which leave messageId out', async () => {
		for (const fields of ['simplified', 'selected']) {
			const { items } = await get({
				output: 'callLogs',
				fields,
				selectedCallFields: ['id'],
			});
			expect(items[0].json).not.toHaveProperty('messageId');
			expect(items[0].binary?.recording.mimeType).toBe('audio/x-wav');
		}
	});

	it('downloads nothing unless asked', async () => {
		const { items } = await runNode({
			parameters: { resource: 'callLog', operation: 'get', callId: SEED_CALL_ID },
			credentials: credentialsFor(sandboxOf()),
		});
		expect(items.every((item) => item.binary === undefined)).toBe(true);
		expect(recordingRequests()).toEqual([]);
	});

	describe('a call without a recording gives its items and says so, and the run goes on', () => {
		it('no messageId: nothing is asked', async () => {
			const { items, error, hints } = await get({}, { input: [{ callId: 'oddNoActions' }] });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].binary).toBeUndefined();
			expect(items[0].json).toMatchObject({
				callId: 'oddNoActions',
				recordingError: 'The call log has no messageId, which HighLevel keeps recordings by.',
			});
			expect(hints.map((hint) => hint.message)).toEqual([
				'Call oddNoActions: no recording. The call log has no messageId, which HighLevel keeps recordings by.',
			]);
			expect(recordingRequests()).toEqual([]);
		});

		it.each([
			[404, 'HighLevel has no recording of this call (HTTP 404).'],
			[400, 'HighLevel has no recording of this call (HTTP 400).'],
		])('HighLevel answers %i', async (status, message) => {
			sandboxOf().setOption('recordingNotFoundStatus', status);
			try {
				const { items, error, hints } = await get(
					{},
					{ input: [{ callId: 'fault-recording-missing' }, { callId: SEED_CALL_ID }] },
				);
				expect(error).toBeUndefined();
				const [missing, ...others] = items;
				expect(missing.json).toMatchObject({
					callId: 'fault-recording-missing',
					recordingError: message,
				});
				expect(missing.binary).toBeUndefined();
				expect(hints.map((hint) => hint.message)).toEqual([
					`Call fault-recording-missing: no recording. ${message}`,
				]);
				// The other call still has its recording.
				const seedItems = others.filter((item) => item.json.callId === SEED_CALL_ID);
				expect(seedItems[0].binary?.recording).toBeDefined();
			} finally {
				sandboxOf().setOption('recordingNotFoundStatus', 404);
			}
		});

		it('larger than Max Recording Size: not downloaded, stopped at the limit', async () => {
			const { items, error, hints } = await get(
				{ output: 'callLogs', options: { maxRecordingSize: 1 } },
				{ input: [{ callId: 'fault-recording-huge' }] },
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].binary).toBeUndefined();
			expect(items[0].json.recordingError).toBe(
				'The recording is larger than 1 MB (Max Recording Size), so it was not downloaded.',
			);
			expect(hints).toHaveLength(1);
			// Read once, not retried: the answer would be as large the next time.
			expect(recordingRequests()).toHaveLength(1);
		});

		it('an answer that is not audio', async () => {
			const { items } = await get({}, { input: [{ callId: 'fault-recording-json' }] });
			expect(items[0].binary).toBeUndefined();
			expect(items[0].json.recordingError).toBe(
				'HighLevel answered with application/json instead of audio.',
			);
		});
	});

	it('names the recording audio/x-wav when the answer has no Content-Type', async () => {
		const { items } = await get(
			{ output: 'callLogs' },
			{ input: [{ callId: 'fault-recording-untyped' }] },
		);
		expect(items[0].binary?.recording).toMatchObject({
			mimeType: 'audio/x-wav',
			fileName: 'fault-recording-untyped.wav',
		});
	});

	it('retries a recording HighLevel could not serve for a moment, like any read', async () => {
		sandboxOf().script(seed.messageId, ['status:503', 'ok']);
		const { items, error } = await get({ output: 'callLogs' });
		expect(error).toBeUndefined();
		expect(items[0].binary?.recording).toBeDefined();
		expect(recordingRequests()).toHaveLength(2);
	});

	it('downloads nothing when "Output Nothing" leaves the call no item', async () => {
		sandboxOf().addCallLog({ ...seed, id: 'callWithoutActions', executedCallActions: [] });
		const { items } = await get(
			{ options: { whenNoActions: 'skip' } },
			{ input: [{ callId: 'callWithoutActions' }] },
		);
		expect(items).toEqual([]);
		expect(recordingRequests()).toEqual([]);
	});

	describe('a token without the scope conversations/message.readonly', () => {
		it('stops the item, naming the scope and where to add it', async () => {
			const { items, error } = await get({}, { token: 'pit-read-only' });
			expect(items).toEqual([]);
			expect(error?.message).toBe('The token is missing the conversations/message.readonly scope');
			expect(error?.description).toContain('"View Conversation Messages"');
			expect(error?.httpCode).toBe('401');
			// The call log itself was read; only the recording was refused.
			expect(sandboxOf().requests.map((request) => request.path)).toEqual([
				`/voice-ai/dashboard/call-logs/${SEED_CALL_ID}`,
				recordingPathOf(seed.messageId, sandboxOf().locationId),
			]);
		});

		it('with Continue On Fail, an error item for that call', async () => {
			const { items, error } = await get(
				{},
				{ token: 'pit-read-only', onError: 'continueRegularOutput' },
			);
			expect(error).toBeUndefined();
			expect(items).toEqual([
				{
					json: expect.objectContaining({
						error: 'The token is missing the conversations/message.readonly scope',
						httpCode: '401',
					}),
					pairedItem: { item: 0 },
				},
			]);
		});
	});
});
