/**
 * Journals written by 0.1 name the Azure AD service account step 'aad-account' of kind 'AzureADAccount'; since 0.2
 * the concept has one name from the cmdlet (Reset-AADSyncAADServiceAccount) to the journal: 'aad-service-account',
 * kind 'AADServiceAccount'. An older journal is read with the new names, so a recovery started by 0.1 can resume.
 */
export function upgradeJournalNames(parsed: unknown): unknown {
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { steps?: unknown }).steps)) return parsed;
  const journal = parsed as { steps: unknown[] };
  return {
    ...journal,
    steps: journal.steps.map((step) => {
      if (typeof step !== 'object' || step === null) return step;
      const { id, kind } = step as { id?: unknown; kind?: unknown };
      return {
        ...step,
        ...(id === 'aad-account' ? { id: 'aad-service-account' } : {}),
        ...(kind === 'AzureADAccount' ? { kind: 'AADServiceAccount' } : {}),
      };
    }),
  };
}
