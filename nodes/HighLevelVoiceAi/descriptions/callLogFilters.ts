import type { INodeProperties } from 'n8n-workflow';

import { actionTypeOptions } from './callLogOutput';
import { agentLocator } from './locators';

/**
 * Get Many's Filters: HighLevel's query parameters for the call-log list. Agent ID is a picker;
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
			displayName: 'Agent ID',
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
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'createdAt',
			options: [
				{ name: 'Call Time', value: 'createdAt' },
				{ name: 'Duration', value: 'duration' },
			],
			description: 'Without it, HighLevel returns the newest calls first',
		},
		{
			displayName: 'Sort Order',
			name: 'sortOrder',
			type: 'options',
			default: 'descend',
			options: [
				{ name: 'Ascending', value: 'ascend' },
				{ name: 'Descending', value: 'descend' },
			],
			description: 'Applies only with "Sort By"',
		},
		{
			displayName: 'To',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'Only calls made before this moment. Set "From" as well.',
		},
	],
};
