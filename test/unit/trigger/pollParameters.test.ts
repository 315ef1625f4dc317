import {
	optionsProperty,
	readPollSettings,
} from '../../../nodes/HighLevelVoiceAi/trigger/pollParameters';
import { DEFAULT_TRANSPORT_OPTIONS } from '../../../nodes/HighLevelVoiceAi/transport';

/** A parameter reader over fixed values, with n8n's fallback behaviour. */
const reader =
	(values: Record<string, unknown>) =>
	(name: string, fallback?: unknown): unknown =>
		name in values ? values[name] : fallback;

const DEFAULTS = { output: 'callLogs' };

describe('readPollSettings', () => {
	it('reads the defaults: New Call, live calls, every agent, 30 minutes, default transport', () => {
		expect(readPollSettings(reader(DEFAULTS))).toEqual({
			event: 'newCall',
			callType: 'LIVE',
			agentId: undefined,
			actionTypes: [],
			output: {
				mode: 'callLogs',
				actionTypes: [],
				redact: true,
				whenNoActions: 'emitCall',
				fields: { mode: 'raw' },
				transcript: 'text',
			},
			overlapMs: 30 * 60_000,
			transport: DEFAULT_TRANSPORT_OPTIONS,
		});
	});

	it('turns Both into no call-type filter, reads the picked agent, and lists each action type once', () => {
		const settings = readPollSettings(
			reader({
				...DEFAULTS,
				callType: 'BOTH',
				filters: {
					agentId: { __rl: true, mode: 'list', value: ' a1 ' },
					actionTypes: 'SMS,CALL_TRANSFER,SMS',
				},
				options: { lateCallWindow: 45, maxRetries: 0, timeout: 5000 },
			}),
		);
		expect(settings).toMatchObject({
			callType: undefined,
			agentId: 'a1',
			actionTypes: ['SMS', 'CALL_TRANSFER'],
			overlapMs: 45 * 60_000,
			transport: { maxRetries: 0, timeoutMs: 5000 },
		});
	});

	it.each([
		[{ event: 'newAgent' }, 'Event'],
		[{ callType: 'live' }, 'Call Type'],
		[{ filters: { agentId: { __rl: true, mode: 'id', value: 'a b' } } }, 'Agent'],
		[{ filters: { agentId: 'a/b' } }, 'Agent'],
		[{ filters: { actionTypes: ['SMS', 'FAX'] } }, 'Executed Action Types'],
		[{ options: { lateCallWindow: 1441 } }, 'Late Call Window (Minutes)'],
		[{ options: { lateCallWindow: '30' } }, 'Late Call Window (Minutes)'],
		[{ options: { whenNoActions: 'error' } }, 'When a Call Has No Actions'],
		[{ options: { timeout: 10 } }, 'Timeout (Ms)'],
		[{ options: { transcript: 'lines' } }, 'Transcript'],
		[{ fields: 'some' }, 'Output'],
		[{ fields: 'selected', selectedCallFields: [] }, 'Fields to Include'],
		[
			{ output: 'actions', fields: 'selected', selectedExecutedActionFields: 5 },
			'Fields to Include',
		],
	])('refuses %j, naming %s', (values, field) => {
		expect(() => readPollSettings(reader({ ...DEFAULTS, ...values }))).toThrow(
			expect.objectContaining({ name: 'InvalidInputError', field }),
		);
	});
});

describe('readPollSettings: Output and Transcript', () => {
	it('reads Simplified, and Selected Fields from the list of the kind of item chosen', () => {
		expect(readPollSettings(reader({ ...DEFAULTS, fields: 'simplified' })).output.fields).toEqual({
			mode: 'simplified',
		});
		const calls = readPollSettings(
			reader({ ...DEFAULTS, fields: 'selected', selectedCallFields: ['id', 'summary', 'id'] }),
		);
		expect(calls.output.fields).toEqual({ mode: 'selected', fields: ['id', 'summary'] });
		const actions = readPollSettings(
			reader({
				output: 'actions',
				fields: 'selected',
				selectedCallFields: ['id'],
				selectedExecutedActionFields: ' callId, actionType ,',
			}),
		);
		expect(actions.output.fields).toEqual({ mode: 'selected', fields: ['callId', 'actionType'] });
	});

	it('reads the transcript as turns or left out', () => {
		for (const transcript of ['turns', 'omit']) {
			expect(
				readPollSettings(reader({ ...DEFAULTS, options: { transcript } })).output,
			).toMatchObject({ transcript });
		}
	});
});

describe('the Options collection', () => {
	it('has the output options without "Stop With an Error", the window, and no concurrency', () => {
		// In the order the editor lists them: by display name.
		const options = optionsProperty.options as Array<{ name: string; options?: unknown[] }>;
		expect(options.map((option) => option.name)).toEqual([
			'actionTypes',
			'lateCallWindow',
			'maxRetries',
			'maxRateLimitWait',
			'redactSecrets',
			'timeout',
			'transcript',
			'whenNoActions',
		]);
		const whenNoActions = options.find((option) => option.name === 'whenNoActions');
		expect(whenNoActions?.options).toEqual([
			expect.objectContaining({ value: 'skip' }),
			expect.objectContaining({ value: 'emitCall' }),
		]);
	});
});
