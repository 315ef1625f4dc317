import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callLog'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one call log, as one item or as one item per action the agent executed',
				action: 'Get call log',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List call logs, with filters',
				action: 'Get many call logs',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
