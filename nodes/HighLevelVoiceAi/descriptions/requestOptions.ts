import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/interfaces';
import { integerInRange } from '../helpers/validation';
import type { TransportOptions } from '../transport';
import { DEFAULT_TRANSPORT_OPTIONS } from '../transport';

/**
 * How the node talks to HighLevel: the same for every operation, so they go into every Options.
 * The defaults are literals (n8n's lint wants them so) equal to DEFAULT_TRANSPORT_OPTIONS.
 */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 10,
		description:
			'How many requests to HighLevel may run at once. Requests are always paced by HighLevel’s rate-limit headers, so this rarely needs changing. Read from the first item.',
	},
	{
		displayName: 'Max Wait for Rate Limit (Ms)',
		name: 'maxRateLimitWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600000 },
		default: 300000,
		description:
			'How long one request may wait, in all, for HighLevel’s rate limit (100 requests per 10 seconds per location, shared with every other workflow and app) to let it through, in milliseconds. A request refused for the burst limit waits its turn and tries again within this time; a spent daily quota is reported at once. Read from the first item.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How often to retry a read that met a 502/503/504, a reset connection, an answer cut off or empty, or a timeout. Other answers are never retried, and neither is a write whose outcome is unknown. Read from the first item.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000, maxValue: 600000 },
		default: 60000,
		description:
			'How long one request may take, answer included, before the node stops waiting for it (a read is then retried), in milliseconds. Read from the first item.',
	},
];

/** Transport settings apply to the whole run, so the caller reads them from the first item. */
export function readTransportOptions(parameter: ParameterReader): TransportOptions {
	const options = (parameter('options', {}) ?? {}) as Record<string, unknown>;
	const defaults = DEFAULT_TRANSPORT_OPTIONS;
	return {
		...defaults,
		maxConcurrency: integerInRange(
			'Max Concurrent Requests',
			options.maxConcurrency ?? defaults.maxConcurrency,
			1,
			50,
		),
		maxRetries: integerInRange('Max Retries', options.maxRetries ?? defaults.maxRetries, 0, 10),
		timeoutMs: integerInRange('Timeout (Ms)', options.timeout ?? defaults.timeoutMs, 1000, 600000),
		maxRateLimitWaitMs: integerInRange(
			'Max Wait for Rate Limit (Ms)',
			options.maxRateLimitWait ?? defaults.maxRateLimitWaitMs,
			0,
			3600000,
		),
	};
}

/** The Options collection of an operation: its own options first, then the request options. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, ...requestOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}
