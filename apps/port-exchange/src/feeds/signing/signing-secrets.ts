/** What signing needs of a subscription. */
export interface SecretHolder {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The current secret, plus the previous one while its grace period after a rotation lasts. */
export function signingSecrets(holder: SecretHolder, now: Date): string[] {
  const { secret, previousSecret, previousSecretExpiresAt } = holder;
  const previousValid =
    previousSecret && previousSecretExpiresAt && previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [secret, previousSecret] : [secret];
}
