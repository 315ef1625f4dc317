import fc from 'fast-check';

import { replayDraw, reportFailures, startHostile } from '../harness/hostile';
import type { LogEntry } from './captureLogs';
import type { Draw } from './hostileArbitraries';
import { boundMs } from './hostileArbitraries';
import type { DrawFailure } from './hostileChecks';
import { describeDraw, HOSTILE_CANARY, runDraw } from './hostileChecks';

/**
 * The seed of this run: FC_SEED when set (test/harness/fast-check-seed.js hands it to fast-check),
 * otherwise a fresh one. It is in every test name and every failure, to replay with FC_SEED=<seed>.
 */
export const SEED =
	fc.readConfigureGlobal().seed ?? (Date.now() ^ (Math.random() * 0x100000000)) >>> 0;

/**
 * The draws of one property: fast-check's own sample of `arbitrary` for SEED. Each draw is run and
 * checked in full and every violating draw is reported (not only the first, and without
 * shrinking: a draw that hangs costs its whole bound, so shrinking it would take hours).
 */
export function drawsOf<T extends Draw>(
	arbitrary: fc.Arbitrary<T>,
	count: number,
	/** Different per property of a file, so that they do not draw the same plans. */
	salt: number,
): T[] {
	return fc.sample(arbitrary, { seed: (SEED + salt) | 0, numRuns: count });
}

/** The jest timeout for a list of draws: the sum of their bounds, and room to start servers. */
export function timeoutFor(draws: Draw[]): number {
	return draws.reduce((sum, draw) => sum + boundMs(draw) + 5_000, 10_000);
}

/**
 * Runs the draws one after another, each against a fresh hostile server pair (so a run abandoned at
 * its bound cannot disturb the next) and a location of its own (so the node's shared pacer does
 * not carry one draw's headers into the next). HOSTILE_DRAW=<index> runs just that draw;
 * HOSTILE_REPORT=<file> also writes the failures there, one JSON line each.
 */
export async function runDraws(
	name: string,
	draws: Draw[],
	logs: LogEntry[],
): Promise<DrawFailure[]> {
	const only = replayDraw();
	const failures: DrawFailure[] = [];
	for (const [index, draw] of draws.entries()) {
		if (only !== undefined && index !== only) continue;
		const hostile = await startHostile({ token: HOSTILE_CANARY });
		try {
			const { violations } = await runDraw(draw, {
				hostile,
				logs,
				locationId: `hostile${name}${SEED}x${index}`,
			});
			if (violations.length > 0) {
				failures.push({
					draw: index,
					replay: `FC_SEED=${SEED} HOSTILE_DRAW=${index}`,
					plan: describeDraw(draw),
					violations,
				});
			}
		} finally {
			await hostile.close();
		}
	}
	reportFailures(`${name}, seed ${SEED}`, failures);
	return failures;
}
