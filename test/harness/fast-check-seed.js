'use strict';
// Property tests explore new random cases on every run, except where FC_SEED pins them (CI sets
// it, so a run is reproducible and a rare counterexample cannot turn CI red by chance; fast-check
// prints the seed of any failure, to replay it with FC_SEED=<seed>).
const fc = require('fast-check');

if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });
