/**
 * The policy engine's API: a policy document is compiled into an immutable {@link
 * org.campusgate.policy.PolicySnapshot} whose {@code decide(RequestContext)} is a pure function
 * returning a {@link org.campusgate.policy.Decision}.
 */
package org.campusgate.policy;
