import type { IDataObject } from 'n8n-workflow';

import type { PollOptions, PollResult } from '../../harness/n8n';
import { runPoll } from '../../harness/n8n';
import type { Sandbox } from '../../harness/sandbox';
import { credentialsFor } from '../../harness/sandbox';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const CALL_LOG_LIST_PATH = '/voice-ai/dashboard/call-logs';
export const AGENT_1 = 'agent0000000000000000001';
export const AGENT_2 = 'agent0000000000000000002';
export const AGENT_3 = 'agent0000000000000000003';

let serial = 0;

/** A call log as HighLevel lists it, created at `createdAt` (epoch ms), with one SMS action. */
export function newCall(createdAt: number, fields: IDataObject = {}): IDataObject & { id: string } {
	const id = `trigger${String(++serial).padStart(10, '0')}`;
	return {
		id,
		agentId: AGENT_1,
		isAgentDeleted: false,
		contactId: 'contact00000000000000001',
		fromNumber: '+15550100111',
		createdAt: new Date(createdAt).toISOString(),
		duration: 60,
		trialCall: false,
		executedCallActions: [
			{
				actionId: `${id}sms`,
				actionType: 'SMS',
				actionName: 'Send Booking Link',
				actionParameters: { messageBody: 'Book here: https://sunrise.example/book' },
				executedAt: new Date(createdAt + 20 * SECOND).toISOString(),
			},
		],
		summary: 'The caller asked for a booking link.',
		transcript: 'bot: Hi\nhuman: A link, please.',
		...fields,
	};
}

/**
 * The polls of one active workflow: they share the workflow's static data, as n8n keeps it
 * between polls. `poll()` runs one through n8n-core's PollContext.
 */
export function trigger(
	sandbox: () => Sandbox,
	defaults: Omit<PollOptions, 'credentials' | 'staticData'> &
		Partial<Pick<PollOptions, 'credentials'>> = {},
) {
	const staticData: IDataObject = {};
	return {
		staticData,
		/** The trigger's stored state (a JSON copy), or undefined before the first stored poll. */
		state: () => {
			const node = staticData['node:HighLevel Voice AI Trigger'] as IDataObject | undefined;
			return node?.pollState
				? (JSON.parse(JSON.stringify(node.pollState)) as IDataObject)
				: undefined;
		},
		poll: async (
			overrides: Omit<Partial<PollOptions>, 'staticData'> = {},
		): Promise<PollResult & { requests: number }> => {
			const before = sandbox().requests.length;
			const result = await runPoll({
				credentials: credentialsFor(sandbox()),
				staticData,
				...defaults,
				...overrides,
			});
			return { ...result, requests: sandbox().requests.length - before };
		},
	};
}

/** The ids of the calls a poll emitted, one per item (Output "Call Logs"). */
export const emittedIds = (result: PollResult): string[] =>
	result.items.map((item) => item.json.id as string);
