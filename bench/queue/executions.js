'use strict';
// What happened to the executions, read from n8n's PostgreSQL database: `execution_entity` for
// status and times, `execution_data` for the run data (stored with `flatted`, as n8n does).

const UNFINISHED = ['new', 'running', 'waiting'];

/** Executions of the workflow by status, e.g. { success: 3, running: 17 }. */
async function statusCounts(db, workflowId) {
	const { rows } = await db.query(
		'SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status',
		[workflowId],
	);
	const counts = {};
	for (const row of rows) counts[row.status] = row.n;
	const total = rows.reduce((sum, row) => sum + row.n, 0);
	const unfinished = UNFINISHED.reduce((sum, status) => sum + (counts[status] || 0), 0);
	return { counts, total, finished: total - unfinished };
}

/**
 * Polls until `expected` executions of the workflow exist and none is unfinished. `onTick` is
 * called with the counts after each poll (for progress lines).
 */
async function waitForExecutions(db, workflowId, expected, { timeoutMs, pollMs = 1000, onTick }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const counts = await statusCounts(db, workflowId);
		if (onTick) await onTick(counts);
		if (counts.total >= expected && counts.finished === counts.total)
			return { counts, timedOut: false };
		if (Date.now() > deadline) return { counts, timedOut: true };
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}

/** Items a node output on its first output in its last run, or undefined when it did not run. */
function itemCount(runData, nodeName) {
	const runs = runData && runData[nodeName];
	if (!Array.isArray(runs) || runs.length === 0) return undefined;
	const last = runs[runs.length - 1];
	const outputs = last && last.data && last.data.main;
	return Array.isArray(outputs) && Array.isArray(outputs[0]) ? outputs[0].length : 0;
}

/** "message [httpCode]", the way n8n's UI shows a node error. */
function describeError(error) {
	if (!error) return undefined;
	const message = error.message || error.description || error.name || 'unknown error';
	return error.httpCode ? `${message} [${error.httpCode}]` : message;
}

/**
 * One record per execution: status, times, items of each node, and the error it surfaced.
 * `flatted` is n8n's own copy (the format of `execution_data.data`).
 */
async function readExecutions(db, workflowId, { flatted, nodeNames }) {
	const { rows } = await db.query(
		`SELECT e.id, e.status, e.mode, e."createdAt", e."startedAt", e."stoppedAt", d.data
		 FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		 WHERE e."workflowId" = $1 ORDER BY e.id`,
		[workflowId],
	);
	return rows.map((row) => {
		let run;
		try {
			run = row.data ? flatted.parse(row.data) : undefined;
		} catch {
			run = undefined;
		}
		const resultData = (run && run.resultData) || {};
		const runData = resultData.runData || {};
		const error = resultData.error;
		return {
			id: String(row.id),
			status: row.status,
			mode: row.mode,
			createdAt: row.createdAt && new Date(row.createdAt).getTime(),
			startedAt: row.startedAt && new Date(row.startedAt).getTime(),
			stoppedAt: row.stoppedAt && new Date(row.stoppedAt).getTime(),
			listItems: itemCount(runData, nodeNames.list),
			getItems: itemCount(runData, nodeNames.get),
			error: describeError(error),
			errorNode: error && error.node && error.node.name,
			lastNode: resultData.lastNodeExecuted,
		};
	});
}

module.exports = { statusCounts, waitForExecutions, readExecutions, describeError };
