/**
 * The matching core: compact domain tables, URL prefix tables and RE2/J expressions, combined
 * into a {@link org.campusgate.policy.match.CategoryIndex} that tells which categories a request
 * falls in. Internal to the policy engine; public only for the compiler and the benchmarks.
 */
package org.campusgate.policy.match;
