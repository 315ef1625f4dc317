import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RunResult } from '../harness/n8n';
import { loadPackage, runNode } from '../harness/n8n';
import type { Sandbox } from '../harness/sandbox';
import { credentialsFor, startSandbox } from '../harness/sandbox';
import { BAD_INPUT } from '../tables/badInput';
import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import { FAULTS, runFault, SEED_CALL } from '../tables/faults';

const CANARY = 'pit-SECRET-canary-1234567890';
/** Any recognisable piece of the token, in case something cuts it. */
const CANARY_PARTS = [CANARY, 'SECRET-canary', 'canary-1234567890'];
/** Secrets the sandbox's call logs carry in CUSTOM_ACTION parameters. */
const ACTION_SECRETS = ['token123', 'sk_live_sandbox_billing_secret', 'sandbox-billing-api-key'];

/** JSON of anything, cycles cut, errors with their own fields, message and stack. */
function allText(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, child: unknown) => {
		if (child && typeof child === 'object') {
			if (seen.has(child)) return '[cycle]';
			seen.add(child);
			if (child instanceof Error) {
				return { ...child, name: child.name, message: child.message, stack: child.stack };
			}
		}
		return child;
	});
}

/** Everything n8n or the node logs during these tests. */
let logged: LogEntry[] = [];

function producedText(result: RunResult): string {
	return [
		allText(result.items),
		allText(result.error),
		allText(result.hints),
		allText(result.run),
		String(result.error?.stack ?? ''),
	].join('\n');
}

function expectNoSecret(text: string, secrets: string[]) {
	for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('Secrets: the token never leaves the request, action secrets are redacted', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		logged = captureLogs();
		sandbox = await startSandbox({ token: CANARY, rateLimit: { intervalMs: 200 } });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		logged.length = 0;
	});

	test.each(FAULTS)('fault "$case": no trace of the token', async (row) => {
		for (const mode of [{}, { around: true, onError: 'continueRegularOutput' as const }]) {
			const result = await runFault(sandbox, row, CANARY, mode);
			// The token did go out (so the search below is meaningful) ...
			expect(sandbox.requests.some((r) => r.headers.authorization === `Bearer ${CANARY}`)).toBe(
				true,
			);
			// ... and comes back nowhere: output, error, hints, the whole run, the logs.
			expectNoSecret(producedText(result), CANARY_PARTS);
			expectNoSecret(allText(logged), CANARY_PARTS);
		}
	});

	it('logs something for at least one fault, so the log search is not vacuous', async () => {
		await runFault(sandbox, FAULTS.find((row) => row.hint)!, CANARY);
		expect(logged.length).toBeGreaterThan(0);
	});

	test.each(BAD_INPUT.filter((row) => !row.refusedByN8n))(
		'bad input "$case": no trace of the token',
		async (row) => {
			const result = await runNode({
				parameters: row.parameters,
				credentials: credentialsFor(sandbox, { token: CANARY, ...row.credentials }),
				typeVersion: row.typeVersion,
			});
			expectNoSecret(producedText(result), CANARY_PARTS);
			expectNoSecret(allText(logged), CANARY_PARTS);
		},
	);

	const OUTPUTS: Array<[string, IDataObject]> = [
		['Get, Executed Actions', { operation: 'get', callId: SEED_CALL, output: 'actions' }],
		['Get, Call Logs', { operation: 'get', callId: SEED_CALL, output: 'callLogs' }],
		['Get Many, Executed Actions', { operation: 'getAll', returnAll: true, output: 'actions' }],
		['Get Many, Call Logs', { operation: 'getAll', returnAll: true, output: 'callLogs' }],
	];

	test.each(OUTPUTS)('%s: action secrets redacted by default', async (_name, parameters) => {
		const result = await runNode({
			parameters: { resource: 'callLog', ...parameters },
			credentials: credentialsFor(sandbox, { token: CANARY }),
		});
		expect(result.error).toBeUndefined();
		const text = allText(result.items);
		expect(text).toContain('[REDACTED]');
		expect(text).toContain('"authenticationRequired":true');
		expectNoSecret(text, ACTION_SECRETS);
		expectNoSecret(producedText(result), CANARY_PARTS);
	});

	it('shows action secrets only when Redact Secrets is explicitly turned off', async () => {
		const result = await runNode({
			parameters: {
				resource: 'callLog',
				operation: 'get',
				callId: SEED_CALL,
				options: { redactSecrets: false },
			},
			credentials: credentialsFor(sandbox, { token: CANARY }),
		});
		expect(allText(result.items)).toContain('"authenticationValue":"token123"');
		expectNoSecret(producedText(result), CANARY_PARTS);
	});

	it('Redact Secrets is on by default and its description warns', async () => {
		const { loader } = await loadPackage();
		const node = Object.values(loader.nodeTypes)[0].type as {
			description: { properties: INodeProperties[] };
		};
		// Every operation that outputs what HighLevel holds; a delete outputs only `{ deleted, id }`.
		const optionCollections = node.description.properties.filter(
			(p) => p.name === 'options' && !p.displayOptions?.show?.operation?.includes('delete'),
		);
		expect(optionCollections.length).toBeGreaterThan(0);
		for (const collection of optionCollections) {
			const redact = (collection.options as INodeProperties[]).find(
				(option) => option.name === 'redactSecrets',
			);
			expect(redact).toMatchObject({ type: 'boolean', default: true });
			expect(redact!.description).toMatch(/Warning: turning this off sends those secrets/);
		}
	});
});
