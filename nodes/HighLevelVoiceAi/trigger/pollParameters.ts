import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	actionTypeOptions,
	callLogOutputOptions,
	readOutputSettings,
} from '../descriptions/callLogOutput';
import { agentLocator } from '../descriptions/locators';
import { readTransportOptions, requestOptions } from '../descriptions/requestOptions';
import type { CallLogItemSettings } from '../helpers/callLog';
import type { ParameterReader } from '../helpers/interfaces';
import {
	actionTypeList,
	optionalId,
	integerInRange,
	InvalidInputError,
	oneOf,
} from '../helpers/validation';
import type { TransportOptions } from '../transport';
import { DEFAULT_OVERLAP_MS } from './pollState';

/**
 * The polling trigger's parameters and the readers that validate them (values may come from
 * expressions). The node file assembles the description from these.
 */

export type TriggerEvent = 'newCall';
export type CallTypeChoice = 'LIVE' | 'TRIAL' | 'BOTH';

const MINUTE_MS = 60_000;
const DEFAULT_LATE_CALL_WINDOW_MINUTES = DEFAULT_OVERLAP_MS / MINUTE_MS;
const MAX_LATE_CALL_WINDOW_MINUTES = 1440;

export const eventProperty: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	default: 'newCall',
	options: [
		{
			name: 'New Call',
			value: 'newCall',
			description: 'A Voice AI call whose log HighLevel lists: every call once, soon after it ends',
		},
	],
};

export const callTypeProperty: INodeProperties = {
	displayName: 'Call Type',
	name: 'callType',
	type: 'options',
	default: 'LIVE',
	options: [
		{ name: 'Both', value: 'BOTH', description: 'Live and trial calls' },
		{ name: 'Live', value: 'LIVE', description: 'Real calls from callers' },
		{ name: 'Trial', value: 'TRIAL', description: 'Test calls made from the agent builder' },
	],
};

export const filtersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		agentLocator({
			required: false,
			default: { mode: 'list', value: '' },
			description: 'Only calls answered by this Voice AI agent. Leave empty for every agent.',
		}),
		{
			displayName: 'Executed Action Types',
			name: 'actionTypes',
			type: 'multiOptions',
			default: [],
			options: actionTypeOptions,
			description: 'Only calls in which the agent executed at least one action of these types',
		},
	],
};

/**
 * The agent a poll keeps, or undefined for every agent. The picker stores `{ mode, value }`; its
 * value is the ID in both modes (neither extracts anything from a URL), so no context is needed.
 */
export function readAgentId(filters: IDataObject): string | undefined {
	const picked = filters.agentId;
	const value =
		picked !== null && typeof picked === 'object' && 'value' in picked
			? (picked as { value: unknown }).value
			: picked;
	return optionalId('Agent', value);
}

const lateCallWindowProperty: INodeProperties = {
	displayName: 'Late Call Window (Minutes)',
	name: 'lateCallWindow',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_LATE_CALL_WINDOW_MINUTES },
	default: 30,
	description:
		'How long after a call starts HighLevel may take to list its log, and the call still triggers. Every poll reads the calls of this window again (one request per 50 calls), so a longer window costs more requests in a busy location. Keep it above the longest call plus a few minutes.',
};

/**
 * Call-log output options without "Stop With an Error": a trigger that stopped on a call would
 * stop on that call at every poll and never get past it.
 */
const triggerOutputOptions: INodeProperties[] = callLogOutputOptions.map((property) =>
	property.name === 'whenNoActions'
		? {
				...property,
				options: (property.options ?? []).filter(
					(option) => 'value' in option && option.value !== 'error',
				),
			}
		: property,
);

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	// The pages of one poll are read one after another, so concurrency has nothing to bound.
	options: [
		...triggerOutputOptions,
		lateCallWindowProperty,
		...requestOptions.filter((property) => property.name !== 'maxConcurrency'),
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

export interface PollSettings {
	event: TriggerEvent;
	/** HighLevel's `callType`; undefined for both. */
	callType?: 'LIVE' | 'TRIAL';
	agentId?: string;
	actionTypes: string[];
	output: CallLogItemSettings;
	overlapMs: number;
	transport: TransportOptions;
}

/** Reads and validates every parameter of the trigger; throws InvalidInputError naming the field. */
export function readPollSettings(parameter: ParameterReader): PollSettings {
	const event = oneOf<TriggerEvent>('Event', parameter('event', 'newCall'), ['newCall']);
	const callType = oneOf<CallTypeChoice>('Call Type', parameter('callType', 'LIVE'), [
		'LIVE',
		'TRIAL',
		'BOTH',
	]);
	const filters = (parameter('filters', {}) ?? {}) as IDataObject;
	const options = (parameter('options', {}) ?? {}) as IDataObject;
	const output = readOutputSettings(parameter);
	if (output.whenNoActions === 'error') {
		throw new InvalidInputError(
			'When a Call Has No Actions',
			'"Stop With an Error" is not available in the trigger',
			'A trigger that stopped on such a call would stop on it at every poll. Choose to output one item for the call, or nothing.',
		);
	}
	const lateCallWindow = integerInRange(
		'Late Call Window (Minutes)',
		options.lateCallWindow ?? DEFAULT_LATE_CALL_WINDOW_MINUTES,
		1,
		MAX_LATE_CALL_WINDOW_MINUTES,
	);
	return {
		event,
		callType: callType === 'BOTH' ? undefined : callType,
		agentId: readAgentId(filters),
		actionTypes: [...new Set(actionTypeList('Executed Action Types', filters.actionTypes))],
		output,
		overlapMs: lateCallWindow * MINUTE_MS,
		transport: readTransportOptions(parameter),
	};
}
