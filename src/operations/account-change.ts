/** A Windows account as DOMAIN\user or user@domain names it. */
export interface AccountName {
  readonly user: string;
  readonly domain: string | null;
}

/** How a credential's account differs from the one a connector signed in with. */
export interface AccountChange {
  readonly from: string;
  readonly to: string;
  readonly userChanged: boolean;
  readonly domainChanged: boolean;
}

/** Splits DOMAIN\user and user@domain (as Set-ConnectorCredential.ps1 does); a bare name has no domain. */
export function splitAccount(name: string): AccountName {
  const backslash = /^([^\\]+)\\(.+)$/.exec(name);
  if (backslash !== null) return { domain: backslash[1] ?? null, user: backslash[2] ?? name };
  const at = /^([^@]+)@(.+)$/.exec(name);
  if (at !== null) return { user: at[1] ?? name, domain: at[2] ?? null };
  return { user: name, domain: null };
}

// CONTOSO and contoso.com name the same domain (NetBIOS and DNS): compare the first DNS label, ignoring case.
function sameDomain(a: string, b: string): boolean {
  const first = (domain: string): string => domain.toLowerCase().split('.')[0] ?? '';
  return a.toLowerCase() === b.toLowerCase() || first(a) === first(b);
}

function shown(account: AccountName): string {
  return account.domain === null || account.domain === '' ? account.user : `${account.domain}\\${account.user}`;
}

/**
 * Whether storing `given` moves a connector from the account it signed in with (null when it does not, or when
 * the connector named none). A bare user name keeps the connector's domain.
 */
export function accountChange(previous: { readonly user: string | null; readonly domain: string | null }, given: string): AccountChange | null {
  if (previous.user === null || previous.user === '') return null;
  const before: AccountName = { user: previous.user, domain: previous.domain };
  const after = splitAccount(given);
  const userChanged = before.user.toLowerCase() !== after.user.toLowerCase();
  const domainChanged = after.domain !== null && before.domain !== null && before.domain !== '' && !sameDomain(before.domain, after.domain);
  if (!userChanged && !domainChanged) return null;
  return { from: shown(before), to: shown({ user: after.user, domain: after.domain ?? before.domain }), userChanged, domainChanged };
}
