import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteAgent from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deleteAgent as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a Voice AI agent with the settings given',
				action: 'Create agent',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a Voice AI agent and its actions',
				action: 'Delete agent',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a Voice AI agent with its settings and actions',
				action: 'Get agent',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the Voice AI agents of the location',
				action: 'Get many agents',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the settings given; the others stay as they are',
				action: 'Update agent',
			},
		],
		default: 'get',
	},
	...create.description,
	...deleteAgent.description,
	...get.description,
	...getAll.description,
	...update.description,
];
