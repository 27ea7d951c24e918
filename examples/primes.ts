/** Counts the primes below a limit: the example of README's first command. */
interface PrimeStats {
  limit: number;
  count: number;
}

// @profile
function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  let i = 3;
  while (i * i <= n) {
    if (n % i === 0) return false;
    i += 2;
  }
  return true;
}

// @profile
function countPrimes(limit: number): PrimeStats {
  let count = 0;
  for (let n = 0; n < limit; n++) {
    if (isPrime(n)) count++;
  }
  return { limit, count };
}

const limit = Number(process.argv[2] ?? 100_000);
const stats = countPrimes(limit);
console.log(`${stats.count} primes below ${stats.limit}`);
