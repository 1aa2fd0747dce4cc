/**
 * npm run bench:jwt — what one access-token verification costs, as every authenticated request pays it.
 *
 * Times TokenService.verify (keys made once as KeyObjects) against jsonwebtoken given the same key as a
 * raw Buffer (the way tokens.ts did it before), same token, same options, same run. The last line
 * printed is one JSON object.
 */
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { TokenService } from '../src/modules/accounts/tokens';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20000' } } });
const ITERATIONS = Number(values.iterations);

const secret = 'bench-secret-at-least-32-characters-long';
const tokens = new TokenService(secret);
const token = tokens.sign('candidate-access', { sub: '12345', ver: 1, tk: 678 });
const bufferKey = createHmac('sha256', secret).update('kaowei-token:candidate-access').digest();
const options = { algorithms: ['HS256' as const], audience: 'candidate-access', issuer: 'kaowei' };

function microsecondsPerCall(verify: () => unknown): number {
  for (let i = 0; i < 1000; i++) verify();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) verify();
  return Number(process.hrtime.bigint() - start) / 1000 / ITERATIONS;
}

const round = (value: number) => Math.round(value * 10) / 10;
// Interleaved twice so neither side profits alone from a warmer JIT or a quieter moment.
const bufferRuns: number[] = [];
const keyObjectRuns: number[] = [];
for (let pass = 0; pass < 2; pass++) {
  bufferRuns.push(microsecondsPerCall(() => jwt.verify(token, bufferKey, options)));
  keyObjectRuns.push(microsecondsPerCall(() => tokens.verify('candidate-access', token)));
}
const bufferKeyUsPerVerify = Math.min(...bufferRuns);
const usPerVerify = Math.min(...keyObjectRuns);
console.log(
  JSON.stringify({
    iterations: ITERATIONS,
    usPerVerify: round(usPerVerify),
    bufferKeyUsPerVerify: round(bufferKeyUsPerVerify),
    speedup: round(bufferKeyUsPerVerify / usPerVerify),
  }),
);
