import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { actionTypeOptions } from './callLogOutput';
import { agentLocator } from './locators';
import { FROM_VERSION_1_1, IN_VERSION_1 } from './versions';

const sortByProperty: INodeProperties = {
	displayName: 'Sort By',
	name: 'sortBy',
	type: 'options',
	default: 'createdAt',
	options: [
		{ name: 'Call Time', value: 'createdAt' },
		{ name: 'Duration', value: 'duration' },
	],
	description: 'Without it, HighLevel returns the newest calls first',
};

const sortOrderProperty: INodeProperties = {
	displayName: 'Sort Order',
	name: 'sortOrder',
	type: 'options',
	default: 'descend',
	options: [
		{ name: 'Ascending', value: 'ascend' },
		{ name: 'Descending', value: 'descend' },
	],
	description: 'Applies only with "Sort By"',
};

/**
 * Version 1 kept Sort By and Sort Order among the Filters; they stay there for it, so that saved
 * workflows keep their order (n8n drops values its description no longer shows). From version
 * 1.1 on they are in their own "Sort" collection.
 */
const legacySortOptions: INodeProperties[] = [sortByProperty, sortOrderProperty].map(
	(property) => ({ ...property, displayOptions: { show: IN_VERSION_1 } }),
);

/** Get Many's Sort, below Options (version 1.1 on). */
export const callLogSort: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'collection',
	placeholder: 'Add Sort Rule',
	default: {},
	displayOptions: { show: FROM_VERSION_1_1 },
	options: [sortByProperty, sortOrderProperty],
};

/** Sort By and Sort Order, from the Sort collection or, in version 1, from the Filters. */
export function readCallLogSort(filters: IDataObject, sort: IDataObject): IDataObject {
	return {
		...(filters.sortBy !== undefined && { sortBy: filters.sortBy }),
		...(filters.sortOrder !== undefined && { sortOrder: filters.sortOrder }),
		...sort,
	};
}

/**
 * Get Many's Filters: HighLevel's query parameters for the call-log list. Agent is a picker;
 * read it with getNodeParameter('filters.agentId', …, { extractValue: true }).
 */
export const callLogFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		agentLocator({
			displayName: 'Agent',
			required: false,
			description: 'Only calls answered by this Voice AI agent',
		}),
		{
			displayName: 'Call Type',
			name: 'callType',
			type: 'options',
			default: 'LIVE',
			options: [
				{ name: 'Live', value: 'LIVE', description: 'Real calls from callers' },
				{ name: 'Trial', value: 'TRIAL', description: 'Test calls made from the agent builder' },
			],
		},
		{
			displayName: 'Contact IDs',
			name: 'contactIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. contact123,contact456',
			description: 'Only calls with these contacts (comma-separated IDs)',
		},
		{
			displayName: 'Executed Action Types',
			name: 'actionTypes',
			type: 'multiOptions',
			default: [],
			options: actionTypeOptions,
			description: 'Only calls in which the agent executed at least one action of these types',
		},
		{
			displayName: 'From',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: 'Only calls made at or after this moment. Set "To" as well.',
		},
		...legacySortOptions,
		{
			displayName: 'To',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'Only calls made before this moment. Set "From" as well.',
		},
	],
};
