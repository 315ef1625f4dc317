import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteAction from './delete.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export { create, deleteAction as delete, get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agentAction'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add an action (call transfer, SMS, booking, custom API call…) to an agent',
				action: 'Create agent action',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove an action from its agent',
				action: 'Delete agent action',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an agent action with its parameters',
				action: 'Get agent action',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the fields given; the others keep what HighLevel holds',
				action: 'Update agent action',
			},
		],
		default: 'get',
	},
	...create.description,
	...deleteAction.description,
	...get.description,
	...update.description,
];
