import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { BoundedOutcome, Hostile, ResponseSpec } from '../harness/hostile';
import {
	LIST_PATH,
	OTHER_ORIGIN_MARKER,
	perKey,
	runBounded,
	secretForms,
} from '../harness/hostile';
import type { RunResult } from '../harness/n8n';
import { runNode } from '../harness/n8n';
import type { LogEntry } from './captureLogs';
import type { Draw, GetDraw, GetManyDraw } from './hostileArbitraries';
import { boundMs } from './hostileArbitraries';

/** The credential's token: with +, / and = so that its URL-encoded and base64 forms differ. */
export const HOSTILE_CANARY = 'pit-HOSTILE+canary/42=tok';
/** Every form of it that must never come back, and pieces of it (an echo cut short). */
export const SECRETS = [...secretForms(HOSTILE_CANARY), 'HOSTILE+canary', 'canary/42=tok'];

/** Raw JavaScript or HTTP-library wording: never what a user should read. */
const RAW_ERROR_TEXT: Array<[string, RegExp]> = [
	['"Cannot read properties"', /Cannot (read|set) propert/i],
	['"Invalid array length"', /Invalid array length/i],
	['"Maximum call stack"', /Maximum call stack/i],
	['a JavaScript error name', /\b(TypeError|RangeError|SyntaxError|ReferenceError|AxiosError)\b/],
	['"[object Object]"', /\[object Object\]/],
	['"undefined" or "NaN"', /\bundefined\b|\bNaN\b/],
	[
		'a JavaScript runtime phrase',
		/is not a function|is not iterable|Unexpected token|Unexpected end of JSON|in JSON at position/i,
	],
	[
		'a low-level error code',
		/\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|Z_DATA_ERROR|Z_BUF_ERROR|ERR_[A-Z_]+)\b/,
	],
	[
		'an HTTP library message',
		/Request failed with status code|socket hang up|Maximum number of redirects/i,
	],
	['a stack trace', /\n\s+at |\bat [^\s()]+ \([^)]*:\d+:\d+\)/],
];

/** What is wrong with a user-facing error text, if anything. */
export function rawTextProblems(label: string, text: unknown, required: boolean): string[] {
	if (text === undefined || text === null) return required ? [`${label} is missing`] : [];
	if (typeof text !== 'string') return [`${label} is not text but ${typeof text}`];
	if (required && text.trim() === '') return [`${label} is empty`];
	return RAW_ERROR_TEXT.filter(([, pattern]) => pattern.test(text)).map(
		([what]) => `${label} contains ${what}: ${JSON.stringify(text.slice(0, 300))}`,
	);
}

/** JSON of anything, cycles cut, errors with their own fields, message and stack. */
export function allText(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, child: unknown) => {
			if (child && typeof child === 'object') {
				if (seen.has(child)) return '[cycle]';
				seen.add(child);
				if (child instanceof Error) {
					return { ...child, name: child.name, message: child.message, stack: child.stack };
				}
			}
			return child;
		}) ?? ''
	);
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired.length === 1 ? paired[0].item : undefined;
	return paired?.item;
}

const isErrorItem = (item: INodeExecutionData) => 'error' in item.json;

/** The plan the hostile server follows for a draw. */
export function planFor(draw: Draw) {
	if (draw.operation === 'get') {
		return perKey((request) => request.id, draw.steps, { status: 200, body: { kind: 'callLog' } });
	}
	return perKey((request) => request.page, draw.pageFaults, {
		status: 200,
		...(draw.pageHeaders && { headers: draw.pageHeaders }),
		body: { kind: 'page', listing: draw.listing },
	});
}

export function nodeParameters(draw: Draw): IDataObject {
	const options = { ...draw.options };
	if (draw.operation === 'get') {
		return {
			resource: 'callLog',
			operation: 'get',
			callId: '={{ $json.callId }}',
			output: draw.output,
			options,
		};
	}
	return {
		resource: 'callLog',
		operation: 'getAll',
		returnAll: draw.returnAll,
		...(!draw.returnAll && { limit: draw.limit }),
		output: 'callLogs',
		options,
	};
}

function inputsOf(draw: Draw): IDataObject[] {
	return draw.operation === 'get' ? draw.callIds.map((callId) => ({ callId })) : [{}];
}

export interface DrawRun {
	boundMs: number;
	outcome: BoundedOutcome<RunResult>;
	/** What the node did, when the run ended. */
	result?: RunResult;
	violations: string[];
}

export interface DrawEnvironment {
	hostile: Hostile;
	/** The list captureLogs() fills; emptied before the run. */
	logs: LogEntry[];
	/** The node's pacer is per location: a draw of its own gets a location of its own. */
	locationId: string;
	/** Time the run may take beyond boundMs(draw), for a reason the caller states. */
	allowanceMs?: number;
}

/** Runs one draw through n8n-core against the hostile server and checks every invariant. */
export async function runDraw(draw: Draw, env: DrawEnvironment): Promise<DrawRun> {
	const { hostile, logs } = env;
	hostile.setPlan(planFor(draw));
	logs.length = 0;
	const bound = boundMs(draw) + (env.allowanceMs ?? 0);
	const outcome = await runBounded(
		async () =>
			await runNode({
				parameters: nodeParameters(draw),
				input: inputsOf(draw),
				credentials: {
					token: HOSTILE_CANARY,
					locationId: env.locationId,
					advanced: true,
					apiVersion: '2021-04-15',
					baseUrl: hostile.url,
				},
				onError: draw.continueOnFail ? 'continueRegularOutput' : undefined,
			}),
		bound,
		() => hostile.destroyConnections(),
	);
	const result = outcome.ended && !outcome.thrown ? outcome.value : undefined;
	return { boundMs: bound, outcome, result, violations: checkDraw(draw, env, bound, outcome) };
}

/** Every invariant, as a list of what was violated (empty when the draw is fine). */
export function checkDraw(
	draw: Draw,
	env: DrawEnvironment,
	bound: number,
	outcome: BoundedOutcome<RunResult>,
): string[] {
	const { hostile, logs } = env;
	const violations: string[] = [];

	// 1. The run ends within the bound.
	if (!outcome.ended) {
		violations.push(
			`ends: the run did not end within ${bound} ms (connections destroyed, run abandoned)`,
		);
	} else if (outcome.elapsedMs > bound) {
		violations.push(
			`ends: the run took ${outcome.elapsedMs} ms, beyond the bound of ${bound} ms (event loop blocked)`,
		);
	}
	if (outcome.thrown)
		violations.push(`ends: runNode threw ${allText(outcome.thrown).slice(0, 300)}`);

	// 2. No request carrying the token goes to another origin.
	for (const request of hostile.other.requests) {
		const headerNames = Object.keys(request.headers).filter((name) => /authorization/i.test(name));
		const text = allText(request);
		const carried = SECRETS.filter((secret) => text.includes(secret));
		if (headerNames.length > 0 || carried.length > 0) {
			violations.push(
				`token stays home: ${request.method} ${request.path} reached the other origin ${hostile.other.host} with ${[...headerNames, ...carried.map((secret) => JSON.stringify(secret))].join(', ')}`,
			);
		}
	}
	// The secret checks mean something only if the token went out at all (a run stuck before its
	// first request shows as "ends" above).
	if (
		outcome.ended &&
		!hostile.requests.some(
			(request) => request.headers.authorization === `Bearer ${HOSTILE_CANARY}`,
		)
	)
		violations.push('harness: the node sent no request with the token to the hostile server');

	// 3. No secret in n8n's logs (also for runs that never ended).
	const logText = allText(logs);
	for (const secret of SECRETS) {
		if (logText.includes(secret))
			violations.push(`no secret: n8n's log holds ${JSON.stringify(secret)}`);
	}

	const result = outcome.ended && !outcome.thrown ? outcome.value : undefined;
	if (!result) return violations;
	const { items, error, hints } = result;
	const inputCount = draw.operation === 'get' ? draw.callIds.length : 1;

	// 4. No secret in output items, errors, hints or anything else in the run.
	const producedText = [allText(result.run), allText(error), String(error?.stack ?? '')].join('\n');
	for (const secret of SECRETS) {
		if (producedText.includes(secret)) {
			const where = [
				allText(items).includes(secret) && 'output items',
				allText(error).includes(secret) && 'the error',
				allText(hints).includes(secret) && 'execution hints',
			].filter(Boolean);
			violations.push(
				`no secret: ${JSON.stringify(secret)} reached ${where.join(', ') || 'the run data'}`,
			);
		}
	}
	if (allText(items).includes(OTHER_ORIGIN_MARKER))
		violations.push(`token stays home: output came from the other origin ${hostile.other.host}`);

	// 5. Failures: NodeApiError / NodeOperationError in plain words; Continue On Fail pairing.
	if (error) {
		if (draw.continueOnFail) {
			violations.push(
				`continue on fail: the node failed as a whole (${error.name}: ${JSON.stringify(error.message)})`,
			);
		}
		if (error.name !== 'NodeApiError' && error.name !== 'NodeOperationError') {
			violations.push(
				`plain error: the node failed with a ${error.name}, not a NodeApiError or NodeOperationError`,
			);
		}
		violations.push(...rawTextProblems('error message', error.message, true));
		violations.push(...rawTextProblems('error description', error.description, false));
		if (items.length > 0)
			violations.push(`plain error: ${items.length} items emitted besides the error`);
	}
	const byInput = new Map<number, INodeExecutionData[]>();
	for (const item of items) {
		const index = pairedIndex(item);
		if (index === undefined || index < 0 || index >= inputCount) {
			violations.push(
				`pairing: an item is paired to ${JSON.stringify(item.pairedItem)}, not to one of ${inputCount} inputs`,
			);
			continue;
		}
		byInput.set(index, [...(byInput.get(index) ?? []), item]);
	}
	for (const [index, group] of byInput) {
		const errors = group.filter(isErrorItem);
		if (errors.length === 0) continue;
		if (!draw.continueOnFail)
			violations.push(`pairing: input ${index} yielded an error item without Continue On Fail`);
		if (group.length !== 1) {
			violations.push(
				`continue on fail: input ${index} yielded ${group.length} items, ${errors.length} of them error items (expected its items or exactly one error item)`,
			);
		}
		for (const item of errors) {
			violations.push(...rawTextProblems(`error item ${index} "error"`, item.json.error, true));
			violations.push(
				...rawTextProblems(`error item ${index} "description"`, item.json.description, false),
			);
		}
	}

	// 6. Operation-specific.
	const succeeded = !error && !items.some(isErrorItem);
	if (draw.operation === 'get') violations.push(...checkGet(draw, byInput));
	else violations.push(...checkGetMany(draw, result, succeeded));
	violations.push(...attemptCounts(draw, hostile));
	return violations;
}

/** Every item of input i is about the call input i asked for. */
function checkGet(draw: GetDraw, byInput: Map<number, INodeExecutionData[]>): string[] {
	const violations: string[] = [];
	for (const [index, group] of byInput) {
		const asked = draw.callIds[index];
		for (const item of group) {
			if (isErrorItem(item)) continue;
			const got = draw.output === 'actions' ? item.json.callId : item.json.id;
			if (got !== asked) {
				violations.push(
					`right call: input ${index} asked for call ${asked} and got an item for ${JSON.stringify(got)}`,
				);
				break;
			}
		}
	}
	return violations;
}

function checkGetMany(draw: GetManyDraw, result: RunResult, succeeded: boolean): string[] {
	const violations: string[] = [];
	const ids = result.items.filter((item) => !isErrorItem(item)).map((item) => item.json.id);
	const distinct = new Set(ids);
	if (distinct.size !== ids.length)
		violations.push(`get many: ${ids.length - distinct.size} call logs output twice`);
	if (!draw.returnAll && ids.length > draw.limit)
		violations.push(`get many: ${ids.length} call logs output, Limit is ${draw.limit}`);
	if (!succeeded) return violations;

	const limit = draw.returnAll ? Infinity : draw.limit;
	const { total, available, mode, junk } = draw.listing;
	// Fewer calls than `total` said: n8n must say so (an execution hint).
	if (typeof total === 'number' && Number.isInteger(total) && total >= 0) {
		const wanted = Math.min(limit, total);
		const hinted = result.hints.some((hint) =>
			/total|fewer|only|expected|reported|claimed/i.test(hint.message),
		);
		if (distinct.size < wanted && !hinted) {
			violations.push(
				`get many: ${distinct.size} call logs output while HighLevel's total said ${total} (wanted ${wanted}), and no execution hint says so`,
			);
		}
	}
	// Honest pages (whatever total says, if not too small): every call that exists is output.
	const faultsKeepPages = Object.values(draw.pageFaults)
		.flat()
		.every((spec: ResponseSpec) => spec.status >= 400 || spec.body?.kind === 'page');
	const totalTooSmall = typeof total === 'number' && total < available;
	if (mode === 'honest' && !junk && faultsKeepPages && !totalTooSmall) {
		const expected = Math.min(limit, available);
		if (distinct.size !== expected) {
			violations.push(
				`get many: ${distinct.size} call logs output; the pages held ${available} and Limit is ${draw.returnAll ? 'all' : draw.limit}, so ${expected} were expected (ended silently short)`,
			);
		}
	}
	return violations;
}

/**
 * No more attempts per request than Max Retries allows (redirect chains aside). Attempts answered
 * with a 429 do not count: a burst 429 means "wait your turn", bounded by Max Wait for Rate Limit
 * (in the time bound), not by a count.
 */
function attemptCounts(draw: Draw, hostile: Hostile): string[] {
	const limit = draw.options.maxRetries + 1;
	const counts = new Map<string, number>();
	for (const request of hostile.requests) {
		if (request.status === 429) continue;
		const key =
			draw.operation === 'get'
				? request.id
				: request.path === LIST_PATH
					? `page ${request.page}`
					: undefined;
		if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const redirects = (specs: ResponseSpec[] | undefined) =>
		(specs ?? []).some((spec) => spec.status >= 300 && spec.status < 400);
	const violations: string[] = [];
	for (const [key, count] of counts) {
		const specs =
			draw.operation === 'get' ? draw.steps[key] : draw.pageFaults[key.replace('page ', '')];
		if (count > limit && !redirects(specs)) {
			violations.push(
				`attempts: ${count} requests for ${key}, Max Retries ${draw.options.maxRetries} allows ${limit}`,
			);
		}
	}
	return violations;
}

/** One line per violating draw, with what replays it. */
export interface DrawFailure {
	draw: number;
	replay: string;
	plan: string;
	violations: string[];
}

export function describeDraw(draw: Draw): string {
	return JSON.stringify(draw);
}
