'use strict';
// `npm run scan`: the analysis legs of n8n's community-package scanner, run before publishing.
//
// `npx @n8n/scan-community-package <name>` (the gate for verified community nodes) works on a
// published version: it checks npm provenance, downloads the source commit that provenance names
// and the tarball, then lints both with one ESLint configuration of its own:
//   source leg:  package.json and {nodes,credentials}/**/*.{js,ts,json} of the source commit;
//   tarball leg: **/*.js and package.json of the published tarball.
// Provenance exists only after publishing, so it is left to the publish workflow. The two lint
// legs run here with the scanner's own code (its exported buildScanConfig and
// SOURCE_FILE_PATTERNS, the ESLint and plugin versions it pins): the source leg on this checkout,
// the tarball leg on the unpacked output of `npm pack`. The scanner fails a package on errors
// only; this script fails on warnings too, so nothing it reports can creep in.
//
// Usage: node scripts/scan-package.js                  build, pack and scan this package
//        node scripts/scan-package.js --source DIR     source leg on DIR only
//        node scripts/scan-package.js --unpacked DIR   tarball leg on an unpacked package only
// Ends with "scan: N passed, M failed" (one per leg); exits 1 when a leg has any finding.

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');
const { pathToFileURL } = require('url');

const PROJECT_DIR = path.resolve(__dirname, '..');
const SCANNER_PACKAGE = '@n8n/scan-community-package';
const scannerRoot = path.dirname(require.resolve(`${SCANNER_PACKAGE}/package.json`));
const scannerFile = path.join(scannerRoot, 'scanner', 'scanner.mjs');
// Resolve ESLint and fast-glob the way the scanner does, so both legs use its versions.
const scannerRequire = createRequire(scannerFile);

/**
 * The tarball leg's patterns are a literal inside the scanner's analyzePackageByName, not an
 * export: copied here and checked against the scanner's source, so an upgrade that changes them
 * fails loudly instead of scanning the wrong files.
 */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
const TARBALL_LEG_CALL = "analyzePackage(packageDir, ['**/*.js', 'package.json'])";

function parseArgs(argv) {
	const options = {};
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		if (flag !== '--source' && flag !== '--unpacked') throw new Error(`unknown option ${flag}`);
		const value = argv[++index];
		if (!value) throw new Error(`${flag} needs a directory`);
		options[flag.slice(2)] = path.resolve(value);
	}
	return options;
}

function runOrThrow(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status})\n${result.stdout}${result.stderr}`,
		);
	return result.stdout;
}

/** Builds, packs with npm and unpacks into `dir`/package; resolves with the unpacked folder. */
function packInto(dir) {
	runOrThrow('npm', ['run', '--silent', 'build'], PROJECT_DIR);
	const [packed] = JSON.parse(
		runOrThrow('npm', ['pack', '--json', '--pack-destination', dir], PROJECT_DIR),
	);
	runOrThrow('tar', ['-xzf', path.join(dir, packed.filename), '-C', dir]);
	console.log(
		`packed ${packed.filename}: ${packed.entryCount} files, ${packed.size} bytes (${packed.unpackedSize} unpacked)`,
	);
	return path.join(dir, 'package');
}

/** Lints `files` of `dir` exactly as the scanner's analyzePackage does, warnings included. */
async function lintLeg(scanner, name, dir, patterns) {
	const { ESLint } = scannerRequire('eslint');
	const glob = scannerRequire('fast-glob');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	// The scanner passes a leg with nothing to lint; here that means a broken build or pattern.
	if (files.length === 0) {
		console.log(`FAIL ${name}: no files matched ${patterns.join(', ')} in ${dir}`);
		return false;
	}
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	const verdict = errors + warnings === 0 ? 'ok  ' : 'FAIL';
	console.log(
		`${verdict} ${name}: ${files.length} files (${patterns.join(', ')}), ${errors} errors, ${warnings} warnings`,
	);
	if (errors + warnings > 0) {
		const formatter = await eslint.loadFormatter('stylish');
		console.log(await formatter.format(results));
	}
	return errors + warnings === 0;
}

/** Imports the scanner with its module-level temporary folder inside one we remove afterwards. */
async function loadScanner(privateTmp) {
	const source = fs.readFileSync(scannerFile, 'utf8');
	if (!source.includes(TARBALL_LEG_CALL))
		throw new Error(
			`${SCANNER_PACKAGE} no longer scans tarballs with ${TARBALL_LEG_CALL}: update TARBALL_FILE_PATTERNS in scripts/scan-package.js`,
		);
	const savedTmpdir = process.env.TMPDIR;
	process.env.TMPDIR = privateTmp;
	try {
		return await import(pathToFileURL(scannerFile).href);
	} finally {
		if (savedTmpdir === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = savedTmpdir;
	}
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-scan-'));
	const outcomes = [];
	try {
		const scanner = await loadScanner(work);
		const version = scannerRequire(path.join(scannerRoot, 'package.json')).version;
		console.log(
			`${SCANNER_PACKAGE}@${version}: lint legs (provenance is checked after publishing)`,
		);
		const whole = !options.source && !options.unpacked;
		if (whole || options.source)
			outcomes.push(
				await lintLeg(
					scanner,
					'source leg',
					options.source || PROJECT_DIR,
					scanner.SOURCE_FILE_PATTERNS,
				),
			);
		if (whole || options.unpacked) {
			const unpacked = options.unpacked || packInto(work);
			outcomes.push(await lintLeg(scanner, 'tarball leg', unpacked, TARBALL_FILE_PATTERNS));
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	const passed = outcomes.filter(Boolean).length;
	const failed = outcomes.length - passed;
	console.log(`scan: ${passed} passed, ${failed} failed`);
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
	console.log(`FAIL scan: ${error.stack || error}`);
	console.log('scan: 0 passed, 1 failed');
	process.exitCode = 1;
});
