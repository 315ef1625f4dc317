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
			output: { mode: 'callLogs', actionTypes: [], redact: true, whenNoActions: 'emitCall' },
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
	])('refuses %j, naming %s', (values, field) => {
		expect(() => readPollSettings(reader({ ...DEFAULTS, ...values }))).toThrow(
			expect.objectContaining({ name: 'InvalidInputError', field }),
		);
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
			'whenNoActions',
		]);
		const whenNoActions = options.find((option) => option.name === 'whenNoActions');
		expect(whenNoActions?.options).toEqual([
			expect.objectContaining({ value: 'emitCall' }),
			expect.objectContaining({ value: 'skip' }),
		]);
	});
});
