import type { INodeProperties } from 'n8n-workflow';

import { booleanValue, integerInRange } from '../helpers/validation';
import { MAX_LIST_ENTRIES } from '../transport/paging';

/** Return All and Limit, as every Get Many in n8n has them. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_LIST_ENTRIES },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * How many entries one item asks for: Infinity with Return All, else Limit, both checked (an
 * expression can hand over anything).
 */
export function readListLimit(parameter: (name: string) => unknown): number {
	if (booleanValue('Return All', parameter('returnAll'))) return Number.POSITIVE_INFINITY;
	return integerInRange('Limit', parameter('limit'), 1, MAX_LIST_ENTRIES);
}
