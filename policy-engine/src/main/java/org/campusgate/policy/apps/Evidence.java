package org.campusgate.policy.apps;

/**
 * References to the documents behind a school's choice of an app (RULES.md §1): where each is
 * kept (a document number, a file name). Null where missing; the monthly report lists gaps.
 *
 * @param consultation the consultation of teachers, students and parents
 * @param decisionMinutes the leadership team's collective-decision minutes
 * @param dataAgreement the data-security agreement with the provider
 */
public record Evidence(String consultation, String decisionMinutes, String dataAgreement) {
  public Evidence {
    consultation = ProviderFiling.blankToNull(consultation);
    decisionMinutes = ProviderFiling.blankToNull(decisionMinutes);
    dataAgreement = ProviderFiling.blankToNull(dataAgreement);
  }

  public static Evidence none() {
    return new Evidence(null, null, null);
  }

  public boolean complete() {
    return consultation != null && decisionMinutes != null && dataAgreement != null;
  }
}
