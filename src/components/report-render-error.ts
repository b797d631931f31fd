/**
 * Tells the operators that something could not be rendered, without putting the alert reporter in
 * the first page's JavaScript: it is loaded only once something failed. Never throws: a report that
 * cannot be made must not break the fallback that is showing.
 */
export function reportRenderError(where: string, error: unknown): void {
  void import('@/lib/availability/alert-reporter')
    .then((reporter) => reporter.reportRenderError(where, error))
    .catch(() => undefined)
}
