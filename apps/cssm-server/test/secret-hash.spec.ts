import { hashSecret, randomSecret, secretMatches } from '../src/oauth/secret-hash';

// ID tokens and client secrets are pasted as command-line arguments; one starting with '-'
// reads as an option there (`fleetlic … register idtoken -Xy…` is a usage error).
it('never issues a secret that starts with a dash, over 20,000 draws', () => {
  const drawn = Array.from({ length: 20_000 }, () => randomSecret(48));
  expect(drawn.filter((s) => s.startsWith('-'))).toEqual([]);
  expect(new Set(drawn.map((s) => s[0])).size).toBeGreaterThan(60);
  expect(drawn.every((s) => /^[A-Za-z0-9_-]{64}$/.test(s))).toBe(true);
});

it('matches a secret only against its own hash', () => {
  const stored = hashSecret('s3cret');
  expect(secretMatches('s3cret', stored)).toBe(true);
  expect(secretMatches('s3cret!', stored)).toBe(false);
  expect(secretMatches('s3cret', 'plain$x$y')).toBe(false);
});
