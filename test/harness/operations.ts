import type { RunResult } from './n8n';
import { runNode } from './n8n';
import type { Sandbox } from './sandbox';
import { credentialsFor } from './sandbox';

export interface OperationRun {
	/** The JSON of the items that reach the node (default: one empty item). */
	input?: Array<Record<string, unknown>>;
	/** Another token than the sandbox's own (e.g. one without a scope). */
	token?: string;
	onError?: 'continueRegularOutput';
}

/**
 * Runs the node with `parameters` against the test file's sandbox, through n8n-core: the one way
 * the operation tests call the node.
 */
export function operationRunner(sandboxOf: () => Sandbox) {
	return async (
		parameters: Record<string, unknown>,
		extra: OperationRun = {},
	): Promise<RunResult> =>
		await runNode({
			parameters,
			input: extra.input,
			credentials: credentialsFor(sandboxOf(), extra.token ? { token: extra.token } : {}),
			onError: extra.onError,
		});
}
