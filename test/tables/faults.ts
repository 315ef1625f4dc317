import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../harness/n8n';
import { runNode } from '../harness/n8n';
import type { Sandbox } from '../harness/sandbox';
import { credentialsFor } from '../harness/sandbox';

/**
 * What HighLevel (or the network) can do to a Get Call Log request, and what the user must see.
 * Call ids starting with "fault-" or "odd" are the sandbox's built-in faults and odd shapes. One
 * row per case: add one line to cover a new fault.
 */
export interface FaultCase {
	/** What went wrong, as the README lists it. */
	case: string;
	/** The call the faulty item asks for. */
	callId: string;
	/** `invalid`: the sandbox accepts another token; `noScope`: the token lacks the Voice AI scope. */
	token?: 'invalid' | 'noScope';
	/** Credential fields that differ from a working credential. */
	credentials?: IDataObject;
	/** Sandbox settings for this row. */
	sandbox?: {
		notFoundStatus?: 400 | 404;
		versions?: string[];
		retryAfterSeconds?: number;
		/** Requests another worker or app spent in the window just before the first request. */
		foreignRequests?: number;
	};
	/** Node options (default: no retries, 1 s timeout, so no row waits long). */
	options?: IDataObject;
	/** The NodeApiError's message, without " [item N]"; absent when the node must keep working. */
	message?: RegExp;
	description?: RegExp;
	httpCode?: string;
	/** Requests the faulty item makes (retries included). */
	requests: number;
	/** The fault hits every item (credential-level), not just the faulty one. */
	everyItem?: boolean;
	/** Rows that are not errors: the items the call becomes and the hint n8n shows, if any. */
	items?: number;
	hint?: RegExp;
}

export const SEED_CALL = '507f1f77bcf86cd799439011';
const NO_RETRY = { maxRetries: 0, timeout: 1000 };

// prettier-ignore
export const FAULTS: FaultCase[] = [
	{ case: 'Invalid, expired or revoked token (401)', callId: SEED_CALL, token: 'invalid', message: /^HighLevel rejected the token: it is invalid, expired or revoked$/, description: /Create a new Private Integration Token/, httpCode: '401', requests: 1, everyItem: true },
	{ case: 'Token without the Voice AI scope (401)', callId: SEED_CALL, token: 'noScope', message: /^The token is missing the voice-ai-dashboard\.readonly scope$/, description: /add the scope "View Voice AI Dashboard"/, httpCode: '401', requests: 1, everyItem: true },
	{ case: 'Version header rejected (401)', callId: SEED_CALL, credentials: { apiVersion: 'v3' }, sandbox: { versions: ['2021-04-15'] }, message: /^HighLevel rejected the API Version header$/, description: /Set "API Version" in the credential/, httpCode: '401', requests: 1, everyItem: true },
	{ case: 'No access to this location (403)', callId: SEED_CALL, credentials: { locationId: 'otherLocation123' }, message: /^The token has no access to this location$/, description: /Check "Location ID" in the credential/, httpCode: '403', requests: 1, everyItem: true },
	{ case: 'Call not found, as 400', callId: 'noSuchCall123', message: /^HighLevel has no call log noSuchCall123 in this location$/, description: /Check the id/, httpCode: '400', requests: 1 },
	{ case: 'Call not found, as 404', callId: 'noSuchCall123', sandbox: { notFoundStatus: 404 }, message: /^HighLevel has no call log noSuchCall123 in this location$/, description: /Check the id/, httpCode: '404', requests: 1 },
	{ case: '422 with a message array', callId: 'fault-422', message: /^HighLevel could not process the request for call log fault-422: callId must be a mongodb id; callId should not be empty$/, description: /Check the node's parameters/, httpCode: '422', requests: 1 },
	{ case: 'Burst rate limit (429) asking for a longer wait than allowed', callId: 'fault-429', sandbox: { retryAfterSeconds: 1 }, options: { ...NO_RETRY, maxRateLimitWait: 400 }, message: /^HighLevel kept refusing requests because of its rate limit$/, description: /lower "Max Concurrent Requests"/, httpCode: '429', requests: 1 },
	{ case: 'Burst rate limit (429), waited for until the wait ran out', callId: 'fault-429', sandbox: { retryAfterSeconds: 1 }, options: { ...NO_RETRY, maxRateLimitWait: 2500 }, message: /^HighLevel kept refusing requests because of its rate limit$/, description: /waited for its turn for up to "Max Wait for Rate Limit \(Ms\)"/, httpCode: '429', requests: 3 },
	{ case: 'Burst rate limit (429) once, then served', callId: 'fault-429-once', options: { maxRetries: 1, timeout: 1000 }, requests: 2, items: 8 },
	{ case: 'Burst rate limit (429) because another worker or app filled the window, waited out', callId: SEED_CALL, sandbox: { foreignRequests: 100 }, requests: 2, items: 8 },
	{ case: 'Daily quota spent (429), never retried', callId: 'fault-daily-429', options: { maxRetries: 2, timeout: 1000 }, message: /^The daily HighLevel API quota for this location is spent/, description: /Wait until the quota resets/, httpCode: '429', requests: 1 },
	{ case: '500 Internal Server Error', callId: 'fault-500', message: /^HighLevel answered with a server error \(HTTP 500\)$/, description: /on HighLevel's side/, httpCode: '500', requests: 1 },
	{ case: '502 Bad Gateway', callId: 'fault-502', message: /^HighLevel is temporarily unavailable \(HTTP 502\)$/, description: /try again in a few minutes/, httpCode: '502', requests: 1 },
	{ case: '502 as a proxy\'s HTML page', callId: 'fault-proxy-502', message: /^HighLevel is temporarily unavailable \(HTTP 502\)$/, description: /HighLevel said: "502 Bad Gateway"/, httpCode: '502', requests: 1 },
	{ case: '503 Service Unavailable, retried then reported', callId: 'fault-503', options: { maxRetries: 2, timeout: 1000 }, message: /^HighLevel is temporarily unavailable \(HTTP 503\)$/, description: /try again in a few minutes/, httpCode: '503', requests: 3 },
	{ case: '503 once, then served', callId: 'fault-503-once', options: { maxRetries: 1, timeout: 1000 }, requests: 2, items: 8 },
	{ case: 'Connection reset', callId: 'fault-reset', message: /^The connection to HighLevel was closed before it answered$/, description: /check any proxy/, requests: 1 },
	{ case: 'Connection reset once, then served', callId: 'fault-reset-once', options: { maxRetries: 1, timeout: 1000 }, requests: 2, items: 8 },
	{ case: 'Timeout (no answer)', callId: 'fault-timeout', message: /^HighLevel did not answer within 1000 ms$/, description: /Raise "Timeout"/, requests: 1 },
	{ case: '200 with an HTML page', callId: 'fault-html', message: /^HighLevel answered with a web page instead of data$/, description: /Check "Base URL"/, requests: 1 },
	{ case: '200 with an empty body', callId: 'fault-empty', message: /^HighLevel answered with an empty body$/, description: /check "Base URL"/, requests: 1 },
	{ case: '200 with truncated JSON', callId: 'fault-truncated', message: /^HighLevel answered with data that is not valid JSON$/, description: /cut off/, requests: 1 },
	{ case: '200 with JSON of another shape', callId: 'fault-shape', message: /^HighLevel's answer does not contain call log fault-shape$/, description: /not in the documented shape/, requests: 1 },
	{ case: 'Error body echoing the Authorization header', callId: 'fault-echo-auth', message: /^HighLevel could not process the request for call log fault-echo-auth: Malformed Authorization header: Bearer \[REDACTED\]$/, httpCode: '400', requests: 1 },
	{ case: 'executedCallActions null', callId: 'oddNullActions', requests: 1, items: 1 },
	{ case: 'executedCallActions missing', callId: 'oddMissingActions', requests: 1, items: 1 },
	{ case: 'executedCallActions empty', callId: 'oddNoActions', requests: 1, items: 1 },
	{ case: 'executedCallActions null, with "Output Nothing"', callId: 'oddNullActions', options: { ...NO_RETRY, whenNoActions: 'skip' }, requests: 1, items: 0, hint: /^Call oddNullActions: output nothing because the call has no matching executed actions$/ },
	{ case: 'Action with _id and no actionId', callId: 'oddUnderscoreId', requests: 1, items: 1 },
	{ case: 'Unknown action type, no parameters, non-object entries', callId: 'oddMixedEntries', requests: 1, items: 2, hint: /^Call oddMixedEntries: skipped 3 entries of executedCallActions that were not objects$/ },
];

/** The sandbox's Version allow-list (as in sandbox/server.js), restored between rows. */
const SANDBOX_VERSIONS = ['2021-04-15', 'v3', '2021-07-28', '2023-02-21'];

/**
 * Runs the row's fault in one item; with `around`, between two healthy items asking for the seed
 * call (`={{ $json.callId }}` maps each). `token` is the token the credential holds; the sandbox
 * is set to accept, reject or under-scope it as the row says.
 */
export async function runFault(
	sandbox: Sandbox,
	row: FaultCase,
	token: string,
	{ around = false, onError }: { around?: boolean; onError?: 'continueRegularOutput' } = {},
): Promise<RunResult> {
	sandbox.reset();
	sandbox.setOption('token', row.token === 'invalid' ? 'pit-a-different-valid-token' : token);
	sandbox.setOption('tokensWithoutScope', row.token === 'noScope' ? [token] : []);
	sandbox.setOption('notFoundStatus', row.sandbox?.notFoundStatus ?? 400);
	sandbox.setOption('versions', row.sandbox?.versions ?? SANDBOX_VERSIONS);
	sandbox.setOption('faultRetryAfter', row.sandbox?.retryAfterSeconds);
	sandbox.setOption('foreignRequests', row.sandbox?.foreignRequests ?? 0);
	const callIds = around ? [SEED_CALL, row.callId, SEED_CALL] : [row.callId];
	return await runNode({
		parameters: {
			resource: 'callLog',
			operation: 'get',
			callId: '={{ $json.callId }}',
			options: row.options ?? NO_RETRY,
		},
		input: callIds.map((callId) => ({ callId })),
		credentials: credentialsFor(sandbox, { token, ...row.credentials }),
		onError,
	});
}
