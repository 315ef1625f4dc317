import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readTransportOptions } from '../descriptions/requestOptions';
import { mapWithConcurrency } from '../helpers/concurrency';
import { InvalidInputError, oneOf } from '../helpers/validation';
import { VoiceAiClient } from '../transport';
import { readAuthentication } from '../transport/credentials';
import * as agent from './agent/Agent.resource';
import * as agentAction from './agentAction/AgentAction.resource';
import * as callLog from './callLog/CallLog.resource';

/** One operation for one input item; the router pairs what it returns with that item. */
type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	agent: {
		create: agent.create.execute,
		delete: agent.delete.execute,
		get: agent.get.execute,
		getAll: agent.getAll.execute,
		update: agent.update.execute,
	},
	agentAction: {
		create: agentAction.create.execute,
		delete: agentAction.delete.execute,
		get: agentAction.get.execute,
		update: agentAction.update.execute,
	},
	callLog: { get: callLog.get.execute, getAll: callLog.getAll.execute },
};

/** Every failure leaves as a NodeApiError or a NodeOperationError that names the item. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.hint,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Settings that break every item (resource, operation, credential, transport options): stop, or
 * with Continue On Fail report it once per item so nothing is silently lost.
 */
function failEveryItem(
	context: IExecuteFunctions,
	itemCount: number,
	error: unknown,
): INodeExecutionData[][] {
	if (!context.continueOnFail()) throw asNodeError(context, error, 0);
	return [
		Array.from({ length: itemCount }, (_, index) =>
			errorItem(asNodeError(context, error, index), index),
		),
	];
}

/**
 * Runs the chosen operation for every input item, several at a time, and returns the output in
 * input order with each item paired to the input it came from. With "Continue On Fail" a failing
 * input yields one error item and the others go on; otherwise the first failure (in input order)
 * ends the run and no new requests are started.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	let operation: Operation;
	try {
		// Only a hand-edited or imported workflow can hold others; name them instead of failing later.
		const resource = oneOf(
			'Resource',
			this.getNodeParameter('resource', 0),
			Object.keys(operations),
		);
		const names = Object.keys(operations[resource]);
		operation =
			operations[resource][oneOf('Operation', this.getNodeParameter('operation', 0), names)];
	} catch (error) {
		return failEveryItem(this, items.length, error);
	}

	let client: VoiceAiClient;
	try {
		// Transport settings apply to the whole run, so they are read from the first item.
		const options = readTransportOptions((name, fallback) =>
			this.getNodeParameter(name, 0, fallback),
		);
		const authentication = readAuthentication(
			this.getNodeParameter('authentication', 0, 'privateIntegrationToken'),
		);
		client = await VoiceAiClient.connect(this, options, authentication);
	} catch (error) {
		return failEveryItem(this, items.length, error);
	}

	type Outcome = { items: INodeExecutionData[] } | { error: NodeApiError | NodeOperationError };
	let stop = false;
	const outcomes = await mapWithConcurrency<Outcome>(
		items.length,
		client.maxConcurrency,
		async (itemIndex) => {
			try {
				return { items: await operation.call(this, itemIndex, client) };
			} catch (error) {
				if (!this.continueOnFail()) stop = true;
				return { error: asNodeError(this, error, itemIndex) };
			}
		},
		() => stop,
	);

	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		// Unstarted items only follow a failure, which has already thrown above.
		if (!outcome) return;
		if ('error' in outcome) {
			if (!this.continueOnFail()) throw outcome.error;
			output.push(errorItem(outcome.error, itemIndex));
			return;
		}
		for (const item of outcome.items) output.push({ ...item, pairedItem: { item: itemIndex } });
	});
	return [output];
}
